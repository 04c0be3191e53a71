"""The certificate (Annex К) and its annexes (Annex Л, GOST 8.18), as the head signs them
(Л.4–Л.8)."""

from urllib.parse import unquote

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from halal_portal.formatting import (
    body_context,
    body_snapshot,
    gost_date,
    initials_surname,
    iso,
    qr_svg,
)
from halal_portal.rendering import DocumentKind, DocumentPage, register, register_page

from .. import rules, selectors
from ..models import Certificate, CertificateAnnex, CertificateProduct
from .common import certified_products, manufacturer, protocol_of, verification_url


def certificate_snapshot(certificate: Certificate) -> dict:
    application = certificate.application
    products = (
        CertificateProduct.objects.filter(
            certificate=certificate, annex__isnull=True, annex_request__isnull=True
        )
        .select_related("normative_document")
        .order_by("order", "pk")
    )
    standard = application.standard
    return {
        "body": body_snapshot(),
        "number": certificate.number,
        "valid_from": iso(certificate.valid_from),
        "valid_to": iso(certificate.valid_to),
        "manufacturer": manufacturer(certificate),
        "standard": standard.designation if standard else "ГОСТ «Продукция «Халяль»»",
        "product_type": certificate.product_type,
        "products": certified_products(products),
        "protocol": protocol_of(certificate.meeting),
        "head_name": certificate.head_name,
        "issued_at": iso(certificate.issued_at),
        "verification_url": verification_url(certificate.number),
    }


def _signed_by_head(snapshot: dict) -> str:
    return initials_surname(snapshot["head_name"] or snapshot["body"]["head_name"])


def _certificate_sheet_context(snapshot: dict) -> dict:
    """What the certificate and its annexes print alike: the protocol of the decision (Л.4.5),
    the head's signature (Л.4.6) and the QR code of the registry's page."""
    return {
        **snapshot,
        "body": body_context(snapshot),
        "protocol_date": gost_date(snapshot["protocol"]["date"]),
        "protocol_number": snapshot["protocol"]["number"],
        "head": _signed_by_head(snapshot),
        "created": snapshot["issued_at"],
        "qr": qr_svg(snapshot["verification_url"]),
        "verification_address": unquote(snapshot["verification_url"]),
    }


def certificate_context(snapshot: dict) -> dict:
    return {
        **_certificate_sheet_context(snapshot),
        "valid_from": gost_date(snapshot["valid_from"]),
        "valid_to": gost_date(snapshot["valid_to"]),
    }


def certificate_annex_snapshot(annex: CertificateAnnex) -> dict:
    certificate = annex.certificate
    products = annex.products.select_related("normative_document").order_by("order", "pk")
    return {
        "body": body_snapshot(),
        "certificate_number": certificate.number,
        "annex_number": annex.number,
        "manufacturer": manufacturer(certificate),
        "product_type": certificate.product_type if annex.number == 1 else "",
        "products": certified_products(products),
        # GOST 8.18: the protocol of the decision that issued this annex.
        "protocol": protocol_of(annex.meeting),
        "head_name": certificate.head_name,
        "issued_at": iso(annex.issued_at),
        "verification_url": verification_url(certificate.number),
    }


def certificate_annex_context(snapshot: dict) -> dict:
    return _certificate_sheet_context(snapshot)


# --- registration -----------------------------------------------------------------------------


def describe_certificate(snapshot: dict) -> str:
    return _("Certificate %(number)s (Annex К)") % {"number": snapshot["number"]}


def describe_annex(snapshot: dict) -> str:
    return _("Annex No. %(number)s to certificate %(certificate)s") % {
        "number": snapshot["annex_number"],
        "certificate": snapshot["certificate_number"],
    }


register(
    DocumentKind(
        kind="certificate",
        label=gettext_lazy("Certificate (Annex К)"),
        model=Certificate,
        template="annexes/annex_k.html",
        snapshot=certificate_snapshot,
        context=certificate_context,
        filename=lambda s: f"Сертификат {s['number']}.pdf",
        visible_to=selectors.certificate_pdf_list_for,
        describe=describe_certificate,
        signed=True,
    )
)
register(
    DocumentKind(
        kind="certificate_annex",
        label=gettext_lazy("Annex to the certificate"),
        model=CertificateAnnex,
        template="annexes/annex_l.html",
        snapshot=certificate_annex_snapshot,
        context=certificate_annex_context,
        filename=lambda s: (
            f"Приложение {s['annex_number']} к сертификату {s['certificate_number']}.pdf"
        ),
        visible_to=lambda user: CertificateAnnex.objects.filter(
            certificate__in=selectors.certificate_pdf_list_for(user)
        ),
        describe=describe_annex,
        signed=True,
    )
)


def _certificate_documents(certificate: Certificate) -> list[tuple[str, object]]:
    """The certificate, its annexes and the letters of the decisions on it (GOST 8.6:
    suspension, resumption, withdrawal)."""
    letters = certificate.agenda_items.order_by("meeting__date", "meeting_id", "order")
    return [
        ("certificate", certificate),
        *(("certificate_annex", annex) for annex in certificate.annexes.all()),
        *(("decision_letter", item) for item in letters),
    ]


def _mark(certificate: Certificate, user) -> dict | None:
    """The «Halal» sign's downloads for the holder, or why there are none (GOST 8.6)."""
    if not certificate.application.organization.membership_set.filter(user=user).exists():
        return None
    return {"certificate": certificate, "refusal": rules.mark_refusal(certificate, user)}


register_page(
    DocumentPage(
        model=Certificate,
        documents=_certificate_documents,
        extra_template="certification/_mark_downloads.html",
        extra=_mark,
    )
)
