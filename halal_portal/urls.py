from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter, SimpleRouter

from accounts.api import ObtainTokenApi
from certification import api as certification_api
from certification import api_commission, api_registry
from certification.views.application import dashboard
from feedback import api as feedback_api

from . import document_views, views

router = DefaultRouter()
router.register("applications", certification_api.ApplicationViewSet, basename="application")
router.register("documents", certification_api.DocumentViewSet, basename="document")
router.register("meetings", api_commission.MeetingViewSet, basename="meeting")
router.register("report-queue", feedback_api.ReportQueueViewSet, basename="report-queue")
# The public registry's API: anonymous, its own router so nothing of the above leaks into it.
registry_router = SimpleRouter()
registry_router.register(
    "certificates", api_registry.RegistryCertificateViewSet, basename="registry-certificate"
)

urlpatterns = [
    # The public registry first: its certificate page (the QR target) and API detail are the
    # hot path, and Django tries the patterns in order (the certification app's are many).
    path("registry/", include("certification.urls_registry")),
    path("api/v1/registry/", include(registry_router.urls)),
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("dashboard/", dashboard, name="dashboard"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("accounts.urls")),
    # Rendered PDFs (halal_portal/rendering.py): download, live status, staff retry.
    path("pdf/<int:document_pk>/", document_views.pdf_download, name="pdf-download"),
    path("pdf/<int:document_pk>/status/", document_views.pdf_status, name="pdf-status"),
    path("pdf/<int:document_pk>/retry/", document_views.pdf_retry, name="pdf-retry"),
    path("audits/", include("audits.urls")),
    path("slaughter/", include("slaughter.urls")),
    path("", include("feedback.urls")),
    path("", include("certification.urls")),
    path("api/v1/auth/token/", ObtainTokenApi.as_view(), name="api-token"),
    path("api/v1/reports/", feedback_api.ReportCreateApi.as_view(), name="api-report-create"),
    path(
        "api/v1/reports/<str:code>/",
        feedback_api.ReportStatusApi.as_view(),
        name="api-report-status",
    ),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = admin.site.site_title = "Halal Portal"
if settings.DEBUG:
    admin.site.site_header = "Halal Portal (embedded)"
