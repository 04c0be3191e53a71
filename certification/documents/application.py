"""The application (Annex Г) and the commission's conclusion on its documents (GOST 8.11)."""

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

from .. import selectors
from ..models import Application, Conclusion
from .common import SERIAL_PRODUCTION, applicant

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


def standard_text(standard: dict | None) -> str:
    """«обозначение и наименование» of the standard the products conform to, its name once: the
    draft standard's designation is its name («ГОСТ «Продукция «Халяль»»»), so it prints as
    «ГОСТ «<full title>»» rather than the name twice."""
    if not standard:
        return ""
    designation, title = standard["designation"], standard["title"]
    prefix, _quote, name = designation.partition("«")
    if name and title.startswith(name.rstrip("»")):
        return f"{prefix}«{title}»"
    return f"{designation} «{title}»"


def application_context(snapshot: dict) -> dict:
    return {
        **snapshot,
        "body": body_context(snapshot),
        "standard_text": standard_text(snapshot["standard"]),
        "submitted": gost_date(snapshot["submitted_at"]),
        "created": snapshot["submitted_at"],
        "head": initials_surname(snapshot["head_name"]),
        "chief_accountant": initials_surname(snapshot["chief_accountant_name"]),
    }


# --- the conclusion on the documents (GOST 8.11) ----------------------------------------------


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
        "application": applicant(application),
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


# --- registration -----------------------------------------------------------------------------


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


def _application_documents(application: Application) -> list[tuple[str, object]]:
    """The application, its conclusion and the letters of the decisions on it, in that order."""
    items = application.agenda_items.order_by("meeting__date", "meeting_id", "order")
    return [
        ("application", application),
        ("conclusion", getattr(application, "conclusion", None)),
        *(("decision_letter", item) for item in items),
    ]


register_page(DocumentPage(model=Application, documents=_application_documents))
