"""What the certification documents print alike: the product lines, the protocol a decision
refers to, the manufacturer and the applicant as they stood when the document was issued."""

from django.conf import settings
from django.utils.encoding import iri_to_uri

from halal_portal.formatting import iso

from ..batches import batch_label, is_serial
from ..models import Application, Certificate, Meeting

SERIAL_PRODUCTION = "серийное производство"  # Л.4.4: these words exactly


def batch_text(text: str) -> str:
    """Л.4.4: «серийное производство», or the batch number, date and size as stored."""
    if is_serial(text):
        return SERIAL_PRODUCTION
    return batch_label(text, "ru")


def verification_url(number: str) -> str:
    """The public registry's page of a certificate, which its QR code opens."""
    return iri_to_uri(f"{settings.SITE_URL}/registry/{number}/")


def certified_products(products) -> list[dict]:
    return [
        {
            "name": p.name,
            "normative_document": p.normative_document.designation,
            "batch": batch_text(p.batch_text),
        }
        for p in products
    ]


def protocol_of(meeting: Meeting) -> dict:
    return {"date": iso(meeting.protocol_date or meeting.date), "number": meeting.protocol_number}


def manufacturer(certificate: Certificate) -> dict:
    return {
        "name": certificate.manufacturer_name,
        "address": certificate.manufacturer_address,
        "country": certificate.manufacturer_country,
    }


def applicant(application: Application) -> dict:
    return {
        "number": application.number,
        "org_name": application.org_name,
        "legal_address": application.legal_address,
        "country": application.country,
        "tax_id": application.tax_id,
        "head_name": application.head_name,
        "registered_at": iso(application.registered_at),
        "submitted_at": iso(application.submitted_at),
        "products": [
            {"name": p.name, "normative_document": p.normative_document.designation}
            for p in application.products.select_related("normative_document").order_by(
                "order", "pk"
            )
        ],
        "standard": application.standard.designation if application.standard else "",
    }
