"""The slaughterhouse's records of an enterprise (GOST 7.6), included at /slaughter/."""

from django.urls import path

from .views import findings, journal, register, report

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
    path(
        f"{org}register/documents/<int:register_document_pk>/", register.document, name="document"
    ),
    # The plant (GOST 7.6.5, 7.6.7).
    path(f"{org}register/<int:house_pk>/rooms/new/", register.room_create, name="room-create"),
    path(f"{org}register/<int:house_pk>/lines/new/", register.line_create, name="line-create"),
    path(
        f"{org}register/lines/<int:line_pk>/knives/new/", register.knife_create, name="knife-create"
    ),
    path(
        f"{org}register/knives/<int:knife_pk>/retire/", register.knife_retire, name="knife-retire"
    ),
    path(f"{org}stunning-checks/", journal.stunning_checks, name="stunning-checks"),
    # The compliance report of a slaughterhouse for a period.
    path(f"{org}report/", report.report, name="report"),
    path(f"{org}report.csv", report.report_csv, name="report-csv"),
    # Deviations the commission answers (GOST 8.16, 8.17).
    path(
        "applications/<int:app_pk>/deviations/<int:finding_pk>/",
        findings.finding_answer,
        name="finding-answer",
    ),
]
