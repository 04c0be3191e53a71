"""The commission's meeting documents: the protocol (GOST 8.10–8.17) and the decision letters the
applicant or the holder receives (8.12, 8.16; for a certificate, 8.6)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from halal_portal.formatting import (
    body_context,
    body_snapshot,
    gost_date,
    initials_surname,
    iso,
    person,
)
from halal_portal.rendering import DocumentKind, DocumentPage, register, register_page

from .. import providers, selectors
from ..models import (
    AgendaItem,
    Certificate,
    CertificateProduct,
    Meeting,
    OutgoingLetter,
    Question,
)
from .common import applicant, certified_products, manufacturer, protocol_of

# --- the protocol of a meeting ----------------------------------------------------------------


def _item_snapshot(item: AgendaItem) -> dict:
    application = item.application
    eligible = {u.pk for u in selectors.voters(item)}
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


# --- decision letters: refusal, suspension, resumption, termination (GOST 8.12, 8.16) ---------
# and, for a certificate already issued, its suspension, resumption and withdrawal (GOST 8.6):
# one snapshot, one context and one template for every letter the holder receives.

CERTIFICATE_QUESTIONS = (
    Question.SUSPEND_CERTIFICATE,
    Question.RESUME_CERTIFICATE,
    Question.WITHDRAW_CERTIFICATE,
)


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
        "manufacturer": manufacturer(certificate),
        "product_type": certificate.product_type,
        "products": certified_products(products),
        "protocol": protocol_of(certificate.meeting),
    }


def decision_letter_snapshot(item: AgendaItem) -> dict:
    application = item.application
    meeting = item.meeting
    certificate = item.certificate if item.question in CERTIFICATE_QUESTIONS else None
    return {
        "body": body_snapshot(),
        "question": item.question,
        "application": applicant(application),
        "certificate": _letter_certificate(certificate),
        "meeting_date": iso(meeting.date),
        "protocol": protocol_of(meeting),
        "grounds": item.grounds,
        "deadline": iso(item.deadline),
        "previous_deadline": iso(application.suspension_deadline),
        "recheck_required": item.recheck_required,
        # GOST 8.16: the nonconformities to correct, as audits records them.
        "nonconformities": providers.letter_nonconformities(item),
        "outgoing": _outgoing(item),
    }


def _outgoing(item: AgendaItem) -> dict | None:
    """The letter's entry in the register of outgoing letters (its number and date)."""
    letter = OutgoingLetter.objects.filter(agenda_item=item).first()
    return {"number": letter.number, "date": iso(letter.date)} if letter else None


def _outgoing_context(outgoing: dict | None) -> dict | None:
    if not outgoing:  # letters issued before the register was kept
        return None
    return {"number": outgoing["number"], "date": gost_date(outgoing["date"])}


def decision_letter_context(snapshot: dict) -> dict:
    certificate = snapshot.get("certificate")  # absent from letters issued before GOST 8.6 ones
    if certificate:
        certificate = {
            **certificate,
            "valid_from": gost_date(certificate["valid_from"]),
            "valid_to": gost_date(certificate["valid_to"]),
            "protocol_date": gost_date(certificate["protocol"]["date"]),
            "protocol_number": certificate["protocol"]["number"],
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
        "nonconformities": [
            {**n, "deadline": gost_date(n["deadline"])} for n in snapshot["nonconformities"]
        ],
        "created": (snapshot.get("outgoing") or {}).get("date") or snapshot["protocol"]["date"],
        "outgoing": _outgoing_context(snapshot.get("outgoing")),
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


def describe_protocol(snapshot: dict) -> str:
    return _("Protocol of %(date)s No. %(number)s") % {
        "date": gost_date(snapshot["protocol"]["date"]),
        "number": snapshot["protocol"]["number"],
    }


def describe_letter(snapshot: dict) -> str:
    return _("Decision letter: %(question)s") % {"question": Question(snapshot["question"]).label}


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
        signed=True,
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
        signed=True,
    )
)
register_page(
    DocumentPage(
        model=Meeting,
        documents=lambda meeting: [
            ("protocol", meeting),
            *(("decision_letter", item) for item in meeting.items.all()),
        ],
    )
)
