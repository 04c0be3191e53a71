"""Demo data of the reports, for ``manage.py seed_demo``: reports from the public at each stage
of the secretary's queue — new, acknowledged with the holder's answer, closed with an outcome —
and a complaint answered in writing, all through the services. Runs after certification's demo;
safe to run again: it finds what it made before."""

from accounts.models import User
from certification.models import Certificate, CertificateStatus

from . import complaints, services
from .models import Complaint, Report, ReportOutcome

# What each demo report says; the place identifies it, so a second run finds it.
NEW = {
    "kind": "not_covered",
    "product_name": "Конфеты «Ласточка»",
    "gtin": "4006381333931",
    "place": "Супермаркет «Кольцо», Казань (демо)",
    "description": "The «Halal» sign is on the box, but the registry lists no such sweets.",
}
ACKNOWLEDGED = {
    "kind": "not_halal",
    "product_name": "Пастила яблочная",
    "place": "Рынок на ул. Чистопольской, Казань (демо)",
    "description": "The label lists gelatine without saying where it comes from.",
    "email": "shopper@example.com",
}
CLOSED = {
    "kind": "bad_number",
    "product_name": "Халва подсолнечная",
    "number_shown": "ХП.00777",
    "place": "Магазин у дома, Набережные Челны (демо)",
    "description": "The number on the pack is not found in the registry.",
}


def seed() -> None:
    secretary = User.objects.filter(email="secretary@example.com").first()
    certificate = Certificate.objects.filter(status=CertificateStatus.VALID).order_by("number")
    certificate = certificate.first()
    if secretary is None or certificate is None:
        return  # the accounts' and certification's demos come first
    if not Report.objects.filter(place=NEW["place"]).exists():
        services.report_submit(data=NEW)
    if not Report.objects.filter(place=ACKNOWLEDGED["place"]).exists():
        report = services.report_submit(data={**ACKNOWLEDGED, "number_shown": certificate.number})
        services.report_acknowledge(report=report, by=secretary)
        holder = certificate.application.organization.members.order_by("pk").first()
        services.report_answer(
            report=report,
            by=holder,
            text="Our gelatine is bovine, from a certified supplier; the certificate is attached "
            "to the batch documents.",
        )
    if not Report.objects.filter(place=CLOSED["place"]).exists():
        report = services.report_submit(data=CLOSED)
        services.report_close(
            report=report,
            by=secretary,
            outcome=ReportOutcome.NOT_OURS,
            reason="The number belongs to no certificate of this body; passed to the "
            "national accreditation body.",
        )

    applicant = User.objects.filter(email="applicant@example.com").first()
    if applicant and not Complaint.objects.filter(author=applicant).exists():
        complaint = complaints.complaint_submit(
            by=applicant,
            topic="delay",
            text="Our application waited three weeks for registration.",
        )
        complaints.complaint_answer(
            complaint=complaint,
            by=secretary,
            text="The registration was delayed by the holidays; your application is registered "
            "and its review has started.",
        )
