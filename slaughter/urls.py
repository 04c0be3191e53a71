"""The slaughterhouse's records of an enterprise (GOST 7.6), included at /slaughter/."""

from django.urls import path

from .views import journal, register

app_name = "slaughter"

org = "organizations/<int:org_pk>/"

urlpatterns = [
    path(org, journal.journal, name="journal"),
    path(f"{org}new/", journal.entry_create, name="entry-create"),
    path(f"{org}<int:slaughter_pk>/", journal.entry, name="entry"),
    # The register of people (GOST 7.6.2–7.6.4).
    path(f"{org}register/", register.register, name="register"),
    path(f"{org}register/new/", register.slaughterhouse_create, name="slaughterhouse-create"),
    path(f"{org}register/<int:house_pk>/people/new/", register.worker_create, name="worker-create"),
    path(
        f"{org}register/people/<int:worker_pk>/documents/new/",
        register.document_add,
        name="document-add",
    ),
    path(
        f"{org}register/people/<int:worker_pk>/leave/",
        register.worker_remove,
        name="worker-remove",
    ),
    path(f"{org}register/documents/<int:document_pk>/", register.document, name="document"),
]
