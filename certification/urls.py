from django.urls import path

from .views import application as views
from .views import certificates, meetings

app_name = "certification"

urlpatterns = [
    path("applications/", views.application_list, name="application-list"),
    path("applications/new/", views.application_create, name="application-create"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path(
        "applications/<int:pk>/edit/<slug:step>/",
        views.application_step,
        name="application-step",
    ),
    path(
        "applications/<int:pk>/products/<int:product_pk>/delete/",
        views.product_delete,
        name="product-delete",
    ),
    path(
        "applications/<int:pk>/documents/upload/",
        views.document_upload,
        name="document-upload",
    ),
    path(
        "applications/<int:pk>/documents/<int:file_pk>/",
        views.document_download,
        name="document-download",
    ),
    path(
        "applications/<int:pk>/documents/<int:file_pk>/remove/",
        views.document_remove,
        name="document-remove",
    ),
    path(
        "applications/<int:pk>/declaration/sign/",
        views.declaration_sign,
        name="declaration-sign",
    ),
    path("applications/<int:pk>/submit/", views.application_submit, name="application-submit"),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application-withdraw"
    ),
    path("applications/<int:pk>/return/", views.application_return, name="application-return"),
    path("queue/", views.queue, name="queue"),
    # --- meetings of the commission ---
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/items/<int:item_pk>/vote/", meetings.vote, name="meeting-vote"),
    path("meetings/<int:pk>/close/", meetings.meeting_close, name="meeting-close"),
    # --- certificates ---
    path("certificates/", certificates.certificate_list, name="certificate-list"),
    path("certificates/<int:pk>/", certificates.certificate_detail, name="certificate-detail"),
    path("certificates/<int:pk>/sign/", certificates.certificate_sign, name="certificate-sign"),
    path("assigned/", views.assigned, name="assigned"),
]
