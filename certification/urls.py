from django.urls import path

from .views import application as views
from .views import certificates, commission, holder, mark, meetings

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
    path("queue/", views.queue, name="queue"),
    # --- document review and meetings of the commission (views/commission.py, meetings.py) ---
    path(
        "applications/<int:pk>/register/",
        commission.application_register,
        name="application-register",
    ),
    path(
        "applications/<int:pk>/commission/",
        commission.application_assign,
        name="application-assign",
    ),
    path(
        "applications/<int:pk>/remarks/", commission.application_remarks, name="application-remarks"
    ),
    path("applications/<int:pk>/review/", commission.application_review, name="application-review"),
    path(
        "applications/<int:pk>/conclusion/",
        commission.application_conclusion,
        name="application-conclusion",
    ),
    path("awaiting/", commission.awaiting, name="awaiting"),
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    path("meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/present/", meetings.meeting_present, name="meeting-present"),
    path("meetings/<int:pk>/items/", meetings.meeting_item_add, name="meeting-item-add"),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/remove/",
        meetings.meeting_item_remove,
        name="meeting-item-remove",
    ),
    path("meetings/<int:pk>/items/<int:item_pk>/vote/", meetings.vote, name="meeting-vote"),
    path("meetings/<int:pk>/close/", meetings.meeting_close, name="meeting-close"),
    # --- certificates, annexes, invoices (views/certificates.py, holder.py) ---
    path("certificates/to-sign/", certificates.to_sign, name="to-sign"),
    path("certificates/", certificates.certificate_list, name="certificate-list"),
    path("certificates/<int:pk>/", certificates.certificate_detail, name="certificate-detail"),
    path("certificates/<int:pk>/sign/", certificates.certificate_sign, name="certificate-sign"),
    path(
        "certificates/<int:pk>/annex-request/",
        holder.annex_request,
        name="certificate-annex-request",
    ),
    path("certificates/<int:pk>/renew/", holder.certificate_renew, name="certificate-renew"),
    # The «Halal» sign of Annex В, for the holder of a valid certificate (GOST 8.4, 8.6).
    path("certificates/<int:pk>/sign.svg", mark.certificate_mark_svg, name="certificate-mark-svg"),
    path("certificates/<int:pk>/sign.png", mark.certificate_mark_png, name="certificate-mark-png"),
    path("invoices/", holder.invoice_list, name="invoice-list"),
    path(
        "applications/<int:pk>/invoices/<int:invoice_pk>/paid/",
        holder.invoice_mark_paid,
        name="application-invoice-paid",
    ),
]
