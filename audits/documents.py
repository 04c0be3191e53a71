"""The production check's documents: the program (Annex Д), the sampling act (Annex Е) and the
act of the check of the state of production (Annex Ж).

As in certification/documents.py: ``<kind>_snapshot(obj)`` reads the database once, when the
document is issued (the head approves the program; both parties have signed the sampling act;
the head approves the production-check act, and the enterprise's head acknowledges it), and
``<kind>_context(snapshot)`` formats the snapshot for the template without the database. The
forms' fixed wording is in templates/annexes/annex_d.html, annex_e.html and annex_zh.html.
Registered with halal_portal.rendering.
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
from .models import ItemStatus, ProductionCheck, ProductionCheckAct, SamplingAct, Severity

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


# --- Annex Ж: the act of the check of the state of production (GOST 8.16) ----------------------

# The words the act prints for a result and a severity, in Russian whatever the catalog says: a
# snapshot keeps them, so a re-render years later prints the same words.
RESULT_WORDING = {
    ItemStatus.CONFORMS: "соответствует",
    ItemStatus.NONCONFORMITY: "несоответствие",
    ItemStatus.NOT_APPLICABLE: "не применимо",
    ItemStatus.NOT_CHECKED: "не проверено",
}
SEVERITY_WORDING = {
    Severity.MINOR: "малозначительное",
    Severity.MAJOR: "значительное",
    Severity.CRITICAL: "критическое",
}
# The section whose findings include the enterprise's sanitation journal (Annex Б), as the
# act's page shows it.
SANITATION_SECTION = 15


def _nonconformity_snapshot(nonconformity) -> dict:
    return {
        "description": nonconformity.description,
        "severity": SEVERITY_WORDING.get(nonconformity.severity, nonconformity.severity),
        "deadline": iso(nonconformity.deadline),
        "fixed_on_spot": nonconformity.fixed_on_spot,
    }


def _sections_snapshot(act: ProductionCheckAct) -> list[dict]:
    """The act's own checklist version, section by section, with what was found per item."""
    results = {
        r.item_id: r
        for r in act.results.prefetch_related("nonconformities", "files").select_related("item")
    }
    sections = act.checklist.sections.prefetch_related("items").order_by("number")
    snapshot = []
    for section in sections:
        items = sorted(section.items.all(), key=lambda i: (i.order, i.pk))
        entries = []
        for item in items:
            result = results.get(item.pk)
            nonconformities = (
                sorted(result.nonconformities.all(), key=lambda n: n.pk) if result else []
            )
            files = (
                sorted(result.files.all(), key=lambda f: (f.uploaded_at, f.pk)) if result else []
            )
            status = result.result if result else ItemStatus.NOT_CHECKED
            entries.append(
                {
                    "text": item.text_ru,
                    "clause": item.clause,
                    "result": RESULT_WORDING.get(status, status),
                    "comment": result.comment if result else "",
                    "evidence": [f.original_name for f in files],
                    "nonconformities": [_nonconformity_snapshot(n) for n in nonconformities],
                }
            )
        snapshot.append(
            {
                "number": section.number,
                "title": section.title_ru,
                # A section the annex lists no points for is checked as a whole (one item that
                # repeats its title): the form prints it as one sentence ending with a full stop.
                "whole": len(items) == 1 and items[0].text_ru == section.title_ru,
                "items": entries,
            }
        )
    return snapshot


def _journal_snapshot(act: ProductionCheckAct) -> dict:
    """Section 15: the sanitation journal of the enterprise for the year before the check, as
    the act's page shows it."""
    journal = selectors.sanitation_before_check(act)
    return {
        "start": iso(journal["start"]),
        "end": iso(journal["end"]),
        "entries": len(journal["entries"]),
        "haram": len(journal["haram"]),
        "failed": [
            {"date": iso(e.date), "equipment": e.equipment, "test_result": e.test_result}
            for e in journal["failed"]
        ],
    }


def production_act_snapshot(act: ProductionCheckAct) -> dict:
    check = act.production_check
    signatures = {s.member_id: s.signed_at for s in act.signatures.all()}
    team = check.team.select_related("user").order_by("order", "pk")
    return {
        "body": body_snapshot(),
        # The act keeps the organization's details as they were when it was drawn up.
        "body_name": act.body_name,
        "body_address": act.body_legal_address,
        "application_number": check.application.number,
        "approved_by": person(act.approved_by),
        "approved_at": iso(act.approved_at),
        "number": act.number,
        "date": iso(act.date),
        "enterprise_name": act.enterprise_name,
        "legal_address": act.legal_address,
        "production_address": act.production_address,
        "phone": act.phone,
        "enterprise_head": act.enterprise_head,
        "commission": act.commission,
        "representatives": act.representatives,
        "purpose": act.purpose,
        "basis": act.basis,
        "period_start": iso(act.period_start),
        "period_end": iso(act.period_end),
        "declared_products": act.declared_products,
        "product_documentation": act.product_documentation,
        "serial_certificates": act.serial_certificates,
        "safety_management_system": act.safety_management_system,
        "complaints": act.complaints,
        "checklist_version": act.checklist.number,
        "sections": _sections_snapshot(act),
        "journal": _journal_snapshot(act),
        "conclusions": act.conclusions,
        "stable_production": act.stable_production,
        "copy_to_certification_body": act.copy_to_certification_body,
        "members": [
            {
                "name": person(member.user),
                "position": member.position,
                "signed_at": iso(signatures.get(member.user_id)),
            }
            for member in team
        ],
        "acknowledged_by": person(act.acknowledged_by),
        "acknowledged_at": iso(act.acknowledged_at),
    }


def _nonconformity_context(nonconformity: dict) -> dict:
    return {**nonconformity, "deadline": gost_date(nonconformity["deadline"])}


def production_act_context(snapshot: dict) -> dict:
    body = body_context(snapshot)
    sections = [
        {
            **section,
            "items": [
                {
                    **item,
                    "number": f"{section['number']}.{index}",
                    "nonconformities": [_nonconformity_context(n) for n in item["nonconformities"]],
                }
                for index, item in enumerate(section["items"], start=1)
            ],
        }
        for section in snapshot["sections"]
    ]
    journal = snapshot["journal"]
    return {
        **snapshot,
        "body": body,
        "approved_by": snapshot["approved_by"] or body["head"],
        "approved": gost_date(snapshot["approved_at"]),
        "date": gost_date(snapshot["date"]),
        "start": gost_date(snapshot["period_start"]),
        "end": gost_date(snapshot["period_end"]),
        "sections": sections,
        "journal": {
            **journal,
            "start": gost_date(journal["start"]),
            "end": gost_date(journal["end"]),
            "failed": [{**e, "date": gost_date(e["date"])} for e in journal["failed"]],
        },
        "sanitation_section": SANITATION_SECTION,
        "members": [{**m, "signed": gost_date(m["signed_at"])} for m in snapshot["members"]],
        "acknowledged": gost_date(snapshot["acknowledged_at"]),
        "created": snapshot["acknowledged_at"] or snapshot["approved_at"],
    }


def describe_production_act(snapshot: dict) -> str:
    return _("Production-check act (Annex Ж), approved %(date)s") % {
        "date": gost_date(snapshot["approved_at"])
    }


def describe_acknowledged_act(snapshot: dict) -> str:
    return _("Production-check act (Annex Ж) with the receipt of the enterprise, %(date)s") % {
        "date": gost_date(snapshot["acknowledged_at"])
    }


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
# The act as approved by the head and sent to the applicant (GOST 8.16), and the same act once
# the enterprise's head has acknowledged receipt: a second document with its own snapshot, so
# the approved one stays exactly as it was sent.
register(
    DocumentKind(
        kind="production_act",
        label=gettext_lazy("Production-check act (Annex Ж)"),
        model=ProductionCheckAct,
        template="annexes/annex_zh.html",
        snapshot=production_act_snapshot,
        context=production_act_context,
        filename=lambda s: f"Акт проверки производства {s['application_number']}.pdf",
        visible_to=selectors.act_list_for,
        describe=describe_production_act,
    )
)
register(
    DocumentKind(
        kind="production_act_acknowledged",
        label=gettext_lazy("Production-check act (Annex Ж) with the receipt of the enterprise"),
        model=ProductionCheckAct,
        template="annexes/annex_zh.html",
        snapshot=production_act_snapshot,
        context=production_act_context,
        filename=lambda s: (
            f"Акт проверки производства {s['application_number']} с отметкой о получении.pdf"
        ),
        visible_to=selectors.act_list_for,
        describe=describe_acknowledged_act,
    )
)
