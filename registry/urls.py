"""The public registry, open to everyone, at /registry/ (included from halal_portal/urls.py)."""

from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.search, name="search"),
    path("export.csv", views.export_csv, name="export"),
    path("feed/", views.feed, name="feed"),
    # One stable URL per number (the QR target); other spellings redirect to it.
    path("<str:number>/", views.certificate, name="certificate"),
    # Its registered PDFs, public by number, and the «check a PDF» form.
    path("<str:number>/pdf/", views.certificate_pdf, name="certificate-pdf"),
    path("<str:number>/annex-<int:annex>/pdf/", views.certificate_pdf, name="annex-pdf"),
    path("<str:number>/verify/", views.certificate_verify, name="certificate-verify"),
]
