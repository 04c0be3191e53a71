from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from accounts import views as accounts_views
from accounts.api import ObtainTokenApi
from certification import api as certification_api
from certification import api_commission
from certification.views.application import dashboard

from . import document_views, views

router = DefaultRouter()
router.register("applications", certification_api.ApplicationViewSet, basename="application")
router.register("documents", certification_api.DocumentViewSet, basename="document")
router.register("meetings", api_commission.MeetingViewSet, basename="meeting")

urlpatterns = [
    # The public registry first: its certificate page (the QR target) and API detail are the
    # hot path, and Django tries the patterns in order (the certification app's are many).
    path("registry/", include("registry.urls")),
    path("api/v1/registry/", include("registry.api_urls")),
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("dashboard/", dashboard, name="dashboard"),
    # The language switch is in every page's header. Without a CSRF token in it, a page is the
    # same for every anonymous visitor, so the registry's pages can be kept and shared by
    # proxies; a forged switch can only change the visitor's language.
    path("i18n/setlang/", csrf_exempt(accounts_views.set_language), name="set_language"),
    path("accounts/", include("accounts.urls")),
    # Rendered PDFs (halal_portal/rendering.py): download, live status, staff retry.
    path("pdf/<int:document_pk>/", document_views.pdf_download, name="pdf-download"),
    path("pdf/<int:document_pk>/status/", document_views.pdf_status, name="pdf-status"),
    path("pdf/<int:document_pk>/retry/", document_views.pdf_retry, name="pdf-retry"),
    path("audits/", include("audits.urls")),
    path("slaughter/", include("slaughter.urls")),
    path("", include("certification.urls")),
    path("api/v1/auth/token/", ObtainTokenApi.as_view(), name="api-token"),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's init script served as a file (the split view exists for strict CSPs); its page
    # keeps one inline <style> block, so only this page allows inline styles.
    path(
        "api/docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = admin.site.site_title = "Halal Portal"
if settings.DEBUG:
    admin.site.site_header = "Halal Portal (embedded)"
