"""The certification workflow's documents: snapshots and template contexts (STYLE: documents.py).

For each kind: ``<kind>_snapshot(obj)`` reads the database once, when the document is issued, and
returns plain JSON — what the form prints, frozen; ``<kind>_context(snapshot)`` turns a snapshot
into the template's context without touching the database (dates DD.MM.YYYY per Л.4.2, initials
and surname per Л.4.6, the verification QR code). Registered with halal_portal.rendering.

The forms' fixed wording is in the templates (templates/annexes/), in Russian as the standard
prints it; values that come from translated choices are captured here in the site's language.
"""

from urllib.parse import unquote

from django.conf import settings
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from halal_portal.formatting import (
    body_context,
    body_snapshot,
    gost_date,
    initials_surname,
    iso,
    person,
    qr_svg,
)
from halal_portal.rendering import DocumentKind, register

from . import selectors
from .models import (
    AgendaItem,
    Application,
    Certificate,
    CertificateAnnex,
    CertificateProduct,
    Conclusion,
    Meeting,
    Question,
)
from .services.meetings import voters

SERIAL_PRODUCTION = "серийное производство"  # Л.4.4: these words exactly


# --- formatting helpers of the certificate (pure; the shared ones are in halal_portal) --------


def batch_text(text: str) -> str:
    """Л.4.4: «серийное производство», or the batch number, date and size as stored."""
    if text.strip().lower() in ("serial production", SERIAL_PRODUCTION):
        return SERIAL_PRODUCTION
    return text


def verification_url(number: str) -> str:
    """The public registry's page of a certificate, which its QR code opens."""
    return iri_to_uri(f"{settings.SITE_URL}/registry/{number}/")


# --- snapshot pieces --------------------------------------------------------------------------


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


def act_of(holder) -> dict | None:
    """GOST 8.16–8.18: the production-check act a decision rests on, as the item, the
    certificate or the annex recorded it."""
    if not holder.act_number:
        return None
    return {"number": holder.act_number, "date": iso(holder.act_date)}


def act_context(act: dict | None) -> dict | None:
    return {**act, "date": gost_date(act["date"])} if act else None


# --- Annex Г: the application -----------------------------------------------------------------


def application_snapshot(application: Application) -> dict:
    products = application.products.select_related("normative_document").order_by("order", "pk")
    files = selectors.current_files(application).order_by("document_type__order", "uploaded_at")
    enclosures: dict[str, list[str]] = {}
    for f in files:
        enclosures.setdefault(f.document_type.name_ru, []).append(f.original_name)
    for declaration in application.declarations.select_related("normative_document"):
        enclosures.setdefault("Декларация заявителя", []).append(
            declaration.normative_document.designation
        )
    standard = application.standard
    return {
        "body": body_snapshot(),
        "number": application.number,
        "submitted_at": iso(application.submitted_at),
        "org_name": application.org_name,
        "legal_address": application.legal_address,
        "country": application.country,
        "bank_details": application.bank_details,
        "tax_id": application.tax_id,
        "phone": application.phone,
        "fax": application.fax,
        "head_name": application.head_name,
        "chief_accountant_name": application.chief_accountant_name,
        "products": [
            {
                "name": p.name,
                "normative_document": p.normative_document.designation,
                "batch": SERIAL_PRODUCTION if p.serial_production else p.batch_text,
            }
            for p in products
        ],
        "standard": (
            {"designation": standard.designation, "title": standard.title} if standard else None
        ),
        "enclosures": [{"name": k, "files": v} for k, v in enclosures.items()],
        "contact_person": application.contact_person,
        "contact_phone": application.contact_phone,
    }


def application_context(snapshot: dict) -> dict:
    return {
        **snapshot,
        "body": body_context(snapshot),
        "submitted": gost_date(snapshot["submitted_at"]),
        "head": initials_surname(snapshot["head_name"]),
        "chief_accountant": initials_surname(snapshot["chief_accountant_name"]),
    }


# --- Annex К: the certificate, and its annexes (Л.5–Л.8) -------------------------------------


def _manufacturer(certificate: Certificate) -> dict:
    return {
        "name": certificate.manufacturer_name,
        "address": certificate.manufacturer_address,
        "country": certificate.manufacturer_country,
    }


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
        "manufacturer": _manufacturer(certificate),
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
        "manufacturer": _manufacturer(certificate),
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


# --- the protocol of a meeting ----------------------------------------------------------------


def _item_snapshot(item: AgendaItem) -> dict:
    application = item.application
    eligible = {u.pk for u in voters(item)}
    votes = [
        {"member": v.member.get_short_name(), "choice": v.get_choice_display()}
        for v in item.votes.select_related("member").order_by("member__last_name", "pk")
        if v.member_id in eligible
    ]
    certificate = getattr(application, "certificate", None)
    annex = getattr(item.annex_request, "annex", None) if item.annex_request_id else None
    return {
        "order": item.order,
        "question": item.question,
        "question_label": item.get_question_display(),
        "application_number": application.number,
        "org_name": application.org_name,
        "tax_id": application.tax_id,
        "grounds": item.grounds,
        "deadline": iso(item.deadline),
        "recheck_required": item.recheck_required,
        "valid_from": iso(item.valid_from),
        "valid_to": iso(item.valid_to),
        "product_type": item.product_type,
        "certificate_number": certificate.number if certificate else "",
        "annex_number": annex.number if annex else None,
        "adopted": item.adopted,
        "votes_for": item.votes_for,
        "votes_against": item.votes_against,
        "votes_abstained": item.votes_abstained,
        "outcome_note": item.outcome_note,
        "votes": votes,
        "act": act_of(item),
    }


def protocol_snapshot(meeting: Meeting) -> dict:
    items = meeting.items.select_related(
        "application__certificate", "annex_request__annex"
    ).order_by("order", "pk")
    return {
        "body": body_snapshot(),
        "date": iso(meeting.date),
        "place": meeting.place,
        "protocol": protocol_of(meeting),
        "chair": person(meeting.chair),
        "secretary": person(meeting.secretary),
        "present": sorted(m.get_short_name() for m in meeting.members_present.all()),
        "items": [_item_snapshot(item) for item in items],
    }


def _item_context(item: dict) -> dict:
    return {
        **item,
        "deadline": gost_date(item["deadline"]),
        "valid_from": gost_date(item["valid_from"]),
        "valid_to": gost_date(item["valid_to"]),
        "act": act_context(item.get("act")),
    }


def protocol_context(snapshot: dict) -> dict:
    return {
        **snapshot,
        "body": body_context(snapshot),
        "date": gost_date(snapshot["date"]),
        "protocol_date": gost_date(snapshot["protocol"]["date"]),
        "protocol_number": snapshot["protocol"]["number"],
        "items": [_item_context(item) for item in snapshot["items"]],
        "created": snapshot["protocol"]["date"],
    }


# --- the conclusion on the documents (GOST 8.11) ----------------------------------------------


def _applicant(application: Application) -> dict:
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


def conclusion_snapshot(conclusion: Conclusion) -> dict:
    application = conclusion.application
    documents = []
    for f in selectors.current_files(application).order_by("document_type__order", "uploaded_at"):
        if f.document_type.name_ru not in documents:
            documents.append(f.document_type.name_ru)
    if application.declarations.exists():
        documents.append("Декларация заявителя")
    return {
        "body": body_snapshot(),
        "application": _applicant(application),
        "members": sorted(m.get_short_name() for m in application.commission_members.all()),
        "documents": documents,
        "outcome": conclusion.outcome,
        "outcome_label": conclusion.get_outcome_display(),
        "text": conclusion.text,
        "grounds": conclusion.grounds,
        "by": person(conclusion.by),
        "date": iso(conclusion.created_at),
    }


def conclusion_context(snapshot: dict) -> dict:
    application = snapshot["application"]
    return {
        **snapshot,
        "body": body_context(snapshot),
        "date": gost_date(snapshot["date"]),
        "application": {
            **application,
            "registered": gost_date(application["registered_at"]),
            "submitted": gost_date(application["submitted_at"]),
        },
        "created": snapshot["date"],
    }


# --- decision letters: refusal, suspension, resumption, termination (GOST 8.12, 8.16) ---------
# and, for a certificate already issued, its suspension, resumption and withdrawal (GOST 8.6):
# one snapshot, one context and one template for every letter the holder receives.

CERTIFICATE_QUESTIONS = (
    Question.SUSPEND_CERTIFICATE,
    Question.RESUME_CERTIFICATE,
    Question.WITHDRAW_CERTIFICATE,
)


def _letter_nonconformities(item: AgendaItem) -> list[dict]:
    nonconformities = item.application.nonconformities.issued().order_by("created_at", "pk")
    if item.question == Question.SUSPEND:
        nonconformities = nonconformities.filter(agenda_item=item)
    elif item.question == Question.TERMINATE:
        nonconformities = nonconformities.filter(closed_at__isnull=True)
    else:
        return []
    return [{"description": n.description, "deadline": iso(n.deadline)} for n in nonconformities]


def _letter_certificate(certificate: Certificate | None) -> dict | None:
    """The certificate a decision is about, as it stood when the commission decided."""
    if certificate is None:
        return None
    products = (
        CertificateProduct.objects.filter(certificate=certificate)
        .exclude(annex__isnull=True, annex_request__isnull=False)  # requested, not yet issued
        .select_related("normative_document")
        .order_by("annex__number", "order", "pk")
    )
    return {
        "number": certificate.number,
        "valid_from": iso(certificate.valid_from),
        "valid_to": iso(certificate.valid_to),
        "manufacturer": _manufacturer(certificate),
        "product_type": certificate.product_type,
        "products": certified_products(products),
        "protocol": protocol_of(certificate.meeting),
        "act": act_of(certificate),
    }


def decision_letter_snapshot(item: AgendaItem) -> dict:
    application = item.application
    meeting = item.meeting
    certificate = item.certificate if item.question in CERTIFICATE_QUESTIONS else None
    return {
        "body": body_snapshot(),
        "question": item.question,
        "application": _applicant(application),
        "certificate": _letter_certificate(certificate),
        "meeting_date": iso(meeting.date),
        "protocol": protocol_of(meeting),
        "grounds": item.grounds,
        "deadline": iso(item.deadline),
        "previous_deadline": iso(application.suspension_deadline),
        "recheck_required": item.recheck_required,
        "nonconformities": _letter_nonconformities(item),
        "act": act_of(item),
    }


def decision_letter_context(snapshot: dict) -> dict:
    certificate = snapshot.get("certificate")  # absent from letters issued before GOST 8.6 ones
    if certificate:
        certificate = {
            **certificate,
            "valid_from": gost_date(certificate["valid_from"]),
            "valid_to": gost_date(certificate["valid_to"]),
            "protocol_date": gost_date(certificate["protocol"]["date"]),
            "protocol_number": certificate["protocol"]["number"],
            "act": act_context(certificate.get("act")),
        }
    return {
        **snapshot,
        "body": body_context(snapshot),
        "certificate": certificate,
        "meeting_date": gost_date(snapshot["meeting_date"]),
        "protocol_date": gost_date(snapshot["protocol"]["date"]),
        "protocol_number": snapshot["protocol"]["number"],
        "deadline": gost_date(snapshot["deadline"]),
        "previous_deadline": gost_date(snapshot["previous_deadline"]),
        "head_of_applicant": initials_surname(snapshot["application"]["head_name"]),
        "act": act_context(snapshot.get("act")),
        "nonconformities": [
            {**n, "deadline": gost_date(n["deadline"])} for n in snapshot["nonconformities"]
        ],
        "created": snapshot["protocol"]["date"],
    }


LETTER_TITLES = {
    Question.REFUSE: "Решение об отказе в выдаче сертификата",
    Question.SUSPEND: "Решение о приостановлении работ",
    Question.RESUME: "Решение о возобновлении работ",
    Question.TERMINATE: "Решение о прекращении работ",
    Question.SUSPEND_CERTIFICATE: "Решение о приостановлении действия сертификата",
    Question.RESUME_CERTIFICATE: "Решение о возобновлении действия сертификата",
    Question.WITHDRAW_CERTIFICATE: "Решение о прекращении действия сертификата",
}


def decision_letter_filename(snapshot: dict) -> str:
    title = LETTER_TITLES.get(snapshot["question"], "Решение")
    certificate = snapshot.get("certificate")
    subject = certificate["number"] if certificate else snapshot["application"]["number"]
    return f"{title} {subject}.pdf"


# --- registration -----------------------------------------------------------------------------


def describe_certificate(snapshot: dict) -> str:
    return _("Certificate %(number)s (Annex К)") % {"number": snapshot["number"]}


def describe_annex(snapshot: dict) -> str:
    return _("Annex No. %(number)s to certificate %(certificate)s") % {
        "number": snapshot["annex_number"],
        "certificate": snapshot["certificate_number"],
    }


def describe_protocol(snapshot: dict) -> str:
    return _("Protocol of %(date)s No. %(number)s") % {
        "date": gost_date(snapshot["protocol"]["date"]),
        "number": snapshot["protocol"]["number"],
    }


def describe_letter(snapshot: dict) -> str:
    return _("Decision letter: %(question)s") % {"question": Question(snapshot["question"]).label}


def _conclusions_visible_to(user):
    # The conclusion is the commission's working paper: the body's staff read it; the applicant
    # receives the decision (GOST 8.12), not the conclusion.
    if not user.is_body_staff:
        return Conclusion.objects.none()
    return Conclusion.objects.filter(application__in=selectors.application_list_for(user))


register(
    DocumentKind(
        kind="application",
        label=gettext_lazy("Application (Annex Г)"),
        model=Application,
        template="annexes/annex_g.html",
        snapshot=application_snapshot,
        context=application_context,
        filename=lambda s: f"Заявление {s['number']}.pdf",
        visible_to=selectors.application_list_for,
    )
)
register(
    DocumentKind(
        kind="conclusion",
        label=gettext_lazy("Conclusion on the documents"),
        model=Conclusion,
        template="annexes/conclusion.html",
        snapshot=conclusion_snapshot,
        context=conclusion_context,
        filename=lambda s: f"Заключение {s['application']['number']}.pdf",
        visible_to=_conclusions_visible_to,
    )
)
register(
    DocumentKind(
        kind="protocol",
        label=gettext_lazy("Protocol of the meeting"),
        model=Meeting,
        template="annexes/protocol.html",
        snapshot=protocol_snapshot,
        context=protocol_context,
        filename=lambda s: f"Протокол {s['protocol']['number']}.pdf",
        visible_to=selectors.meeting_list_for,
        describe=describe_protocol,
    )
)
register(
    DocumentKind(
        kind="decision_letter",
        label=gettext_lazy("Decision letter"),
        model=AgendaItem,
        template="annexes/decision_letter.html",
        snapshot=decision_letter_snapshot,
        context=decision_letter_context,
        filename=decision_letter_filename,
        visible_to=lambda user: AgendaItem.objects.filter(
            application__in=selectors.application_list_for(user)
        ),
        describe=describe_letter,
    )
)
register(
    DocumentKind(
        kind="certificate",
        label=gettext_lazy("Certificate (Annex К)"),
        model=Certificate,
        template="annexes/annex_k.html",
        snapshot=certificate_snapshot,
        context=certificate_context,
        filename=lambda s: f"Сертификат {s['number']}.pdf",
        visible_to=selectors.certificate_list_for,
        describe=describe_certificate,
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
            certificate__in=selectors.certificate_list_for(user)
        ),
        describe=describe_annex,
    )
)
