"""The production check's documents: the program (Annex Д) and the sampling act (Annex Е).

As in certification/documents.py: ``<kind>_snapshot(obj)`` reads the database once, when the
document is issued (the head approves the program; both parties have signed the act), and
``<kind>_context(snapshot)`` formats the snapshot for the template without the database. The
forms' fixed wording is in templates/annexes/annex_d.html and annex_e.html. Registered with
halal_portal.rendering.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from halal_portal.formatting import (
    body_context,
    body_snapshot,
    gost_date,
    initials_surname,
    iso,
    person,
    surname_initials,
)
from halal_portal.rendering import DocumentKind, register

from . import selectors
from .models import ProductionCheck, SamplingAct

# Annex Д, table of part 6: the stages as the form words them. Stage 1 is the list of the areas
# of GOST 8.14 (snapshotted with the program); the others have these fixed titles.
STAGE_WORDING = {
    2: "Анализ протоколов периодических испытаний",
    3: "Идентификация продукции и отбор образцов для проведения испытаний (при необходимости)",
    4: "Проведение дополнительных испытаний на соответствие продукции требованиям настоящего "
    "стандарта (при необходимости)",
    5: "Оформление акта по результатам проверки",
}


def quantity_text(value: Decimal | None) -> str:
    """A stored quantity as a Russian form prints it: 1200, 0,5 — no trailing zeros."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


# --- Annex Д: the program of the production check (GOST 8.13–8.14) ----------------------------


def check_program_snapshot(check: ProductionCheck) -> dict:
    application = check.application
    team = list(check.team.select_related("user").order_by("order", "pk"))
    rank = {member.user_id: index for index, member in enumerate(team)}
    stages = check.stages.prefetch_related("executors", "areas").order_by("number")
    return {
        "body": body_snapshot(),
        "application_number": application.number,
        "enterprise": application.org_name,
        "approved_by": person(check.approved_by),
        "approved_at": iso(check.approved_at),
        "purpose": check.purpose,
        "basis": check.basis,
        "start_date": iso(check.start_date),
        "end_date": iso(check.end_date),
        "team": [{"name": person(m.user), "position": m.position} for m in team],
        "normative_documents": sorted(d.designation for d in check.normative_documents.all()),
        "other_documents": check.other_documents,
        "stages": [
            {
                "number": stage.number,
                "needed": stage.needed,
                "areas": [a.name_ru for a in stage.areas.all()] if stage.number == 1 else [],
                "executors": [
                    person(u)
                    for u in sorted(stage.executors.all(), key=lambda u: rank.get(u.pk, 999))
                ],
            }
            for stage in stages
        ],
    }


def check_program_context(snapshot: dict) -> dict:
    body = body_context(snapshot)
    return {
        **snapshot,
        "body": body,
        "approved_by": snapshot["approved_by"] or body["head"],
        "approved": gost_date(snapshot["approved_at"]),
        "start": gost_date(snapshot["start_date"]),
        "end": gost_date(snapshot["end_date"]),
        "stages": [
            {**stage, "title": STAGE_WORDING.get(stage["number"], "")}
            for stage in snapshot["stages"]
        ],
        "created": snapshot["approved_at"],
    }


def describe_program(snapshot: dict) -> str:
    return _("Program of the production check (Annex Д), approved %(date)s") % {
        "date": gost_date(snapshot["approved_at"])
    }


# --- Annex Е: the act of sampling (GOST 8.15) -------------------------------------------------


def _sample_snapshot(sample) -> dict:
    return {
        "name": sample.name,
        "manufacturer": sample.manufacturer,
        "seller": sample.seller,
        "barcode": sample.barcode,
        "unit": sample.unit,
        "lot_size": quantity_text(sample.lot_size),
        "quantity": quantity_text(sample.quantity),
        "production_date": iso(sample.production_date),
        "shelf_life": sample.shelf_life,
        "normative_document": sample.normative_document,
        "nominal_quantity": sample.nominal_quantity,
        "package_type": sample.package_type,
        "mass_volume": sample.mass_volume,
        "other_features": sample.other_features,
    }


def sampling_act_snapshot(act: SamplingAct) -> dict:
    application = act.production_check.application
    return {
        "body": body_snapshot(),
        "application_number": application.number,
        "date": iso(act.date),
        "certification_body": act.certification_body,
        "products_location": act.products_location,
        "applicant_name": act.applicant_name,
        "auditor": act.auditor.get_short_name(),  # «фамилия, инициалы», as the form asks
        "auditor_signs": person(act.auditor),
        "representative_name": act.representative_name,
        "product_name": act.product_name,
        "manufacturer": act.manufacturer,
        "control_documents": act.control_documents,
        "sampling_documents": act.sampling_documents,
        "samples": [_sample_snapshot(s) for s in act.samples.order_by("order", "pk")],
        "external_inspection": act.external_inspection,
        "identification": act.identification,
        "packaging": act.packaging,
        "storage_conditions": act.storage_conditions,
        "typical_representatives": act.typical_representatives,
        "typical_justification": act.typical_justification,
        "applicant_proposals": act.applicant_proposals,
        "auditor_signed_at": iso(act.auditor_signed_at),
        "applicant_signs": person(act.applicant_signed_by),
        "applicant_signed_at": iso(act.applicant_signed_at),
    }


def sampling_act_context(snapshot: dict) -> dict:
    return {
        **snapshot,
        "body": body_context(snapshot),
        "date": gost_date(snapshot["date"]),
        # The act asks «фамилия, инициалы» in its body and «инициалы, фамилия» at the signatures.
        "representative": surname_initials(snapshot["representative_name"]),
        "applicant_signs": snapshot["applicant_signs"]
        or initials_surname(snapshot["representative_name"]),
        "samples": [
            {**s, "production_date": gost_date(s["production_date"])} for s in snapshot["samples"]
        ],
        "auditor_signed": gost_date(snapshot["auditor_signed_at"]),
        "applicant_signed": gost_date(snapshot["applicant_signed_at"]),
        "created": snapshot["applicant_signed_at"] or snapshot["date"],
    }


def describe_sampling_act(snapshot: dict) -> str:
    return _("Sampling act of %(date)s (Annex Е)") % {"date": gost_date(snapshot["date"])}


# --- registration -----------------------------------------------------------------------------

register(
    DocumentKind(
        kind="check_program",
        label=gettext_lazy("Program of the production check (Annex Д)"),
        model=ProductionCheck,
        template="annexes/annex_d.html",
        snapshot=check_program_snapshot,
        context=check_program_context,
        filename=lambda s: f"Программа проверки {s['application_number']}.pdf",
        visible_to=selectors.check_list_for,
        describe=describe_program,
    )
)
register(
    DocumentKind(
        kind="sampling_act",
        label=gettext_lazy("Sampling act (Annex Е)"),
        model=SamplingAct,
        template="annexes/annex_e.html",
        snapshot=sampling_act_snapshot,
        context=sampling_act_context,
        filename=lambda s: (
            f"Акт отбора образцов {gost_date(s['date'])} {s['application_number']}.pdf"
        ),
        visible_to=selectors.sampling_act_list_for,
        describe=describe_sampling_act,
    )
)
