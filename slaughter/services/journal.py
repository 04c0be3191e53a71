"""Writes of the slaughter journal (GOST 7.6).

The slaughterhouse's registered halal controller records each batch slaughtered on a line — the
animals and their state, the veterinary document, the people from the register, the knife, the
Name of the Almighty, the cut, the stunning and its parameters, the video recording, death
before processing and what was kept apart or declared haram — and signs it (GOST 7.6.4). An
entry lacking what the journal must hold, or naming someone or something not allowed on that
day, is refused; a departure from the rules of slaughter is recorded as it happened
(slaughter.rules.batch)."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from audits.permissions import can_write_journal

from ..models import Finding, Knife, Method, SlaughterEntry, Stunning, Worker, WorkerRole
from ..rules.batch import batch_deviations
from ..rules.entry import entry_values
from ..rules.people import registered_controller, worker_refusals
from ..rules.plant import knife_refusal


@transaction.atomic
def slaughter_entry_record(
    *, organization: Organization, by: User, data: Mapping[str, Any]
) -> SlaughterEntry:
    """Record and sign one batch. Entries are never edited: a correction is a new entry."""
    if not can_write_journal(organization, by):
        raise PermissionDenied
    values, errors = entry_values(data)
    line = data.get("line")
    if line is None or line.slaughterhouse.organization_id != organization.pk:
        errors["line"] = _("Choose the slaughter line.")
    slaughterers = list(data.get("slaughterers") or [])
    if not slaughterers:
        errors["slaughterers"] = _("Name the slaughterers from the register (GOST 7.6.2).")
    stunned = values["stunning"] in (Stunning.ELECTRICAL, Stunning.PNEUMATIC)
    operator = data.get("stunning_operator") if stunned else None
    if stunned and operator is None:
        errors["stunning_operator"] = _(
            "Name the stunning operator from the register (GOST 7.6.3)."
        )
    knife, neck = data.get("knife"), data.get("neck_width_mm")
    if values["method"] == Method.MANUAL:
        if knife is None:
            errors["knife"] = _("Name the knife from the line's register (GOST 7.6.5).")
        if neck is None or neck <= 0:
            errors["neck_width_mm"] = _(
                "Give the widest neck of the batch: the blade is measured against it "
                "(GOST 7.6.5 в))."
            )
    else:
        knife, neck = None, None
    controller = None
    if "date" not in errors and "line" not in errors:
        house, date = line.slaughterhouse, values["date"]
        # GOST 7.6.4, 2.17: the signer is the slaughterhouse's registered halal controller with
        # valid documents on the batch's date.
        controller, refused = registered_controller(
            organization=organization, user=by, day=date, slaughterhouse=house
        )
        if refused:
            errors[NON_FIELD_ERRORS] = refused
        errors.update(_people_refusals(house, date, slaughterers, operator))
        if knife is not None and neck and values["species"] and "species" not in errors:
            knife = Knife.objects.get(pk=knife.pk)  # as it is now, not as the caller read it
            refused_knife = knife_refusal(
                knife, line=line, species=values["species"], neck_width_mm=neck, day=date
            )
            if refused_knife:
                errors["knife"] = refused_knife
    if errors:
        raise ValidationError(errors)
    entry = SlaughterEntry.objects.create(
        organization=organization,
        slaughterhouse=line.slaughterhouse,
        slaughter_line=line,
        line=line.name,
        slaughterers="\n".join(w.full_name for w in slaughterers),
        stunning_operator=operator,
        knife=knife,
        neck_width_mm=neck,
        controller=by,
        controller_worker=controller,
        controller_name=by.get_short_name(),
        signed_at=timezone.now(),
        **values,
    )
    entry.slaughterer_workers.set(slaughterers)
    findings_record(entry)
    return entry


def findings_record(entry: SlaughterEntry) -> list[Finding]:
    """Every deviation of the batch becomes a finding the commission answers (GOST 8.17)."""
    return Finding.objects.bulk_create(
        Finding(
            entry=entry,
            code=d.code,
            clause=d.clause,
            value=d.value,
            allowed=d.allowed,
            species=d.species,
        )
        for d in batch_deviations(entry)
    )


def _people_refusals(slaughterhouse, date, slaughterers, operator) -> dict[str, list[str]]:
    """GOST 7.6.2, 7.6.3: each person named on the batch is on this slaughterhouse's register in
    their role, with valid documents on the batch's date."""
    errors: dict[str, list[str]] = {}
    named = [("slaughterers", w, WorkerRole.SLAUGHTERER) for w in slaughterers]
    if operator is not None:
        named.append(("stunning_operator", operator, WorkerRole.OPERATOR))
    # Read as they are now, with their documents in one query.
    fresh = Worker.objects.prefetch_related("documents").in_bulk([w.pk for _f, w, _r in named])
    for field, worker, role in named:
        worker = fresh[worker.pk]
        if worker.slaughterhouse_id != slaughterhouse.pk or worker.role != role:
            found = [
                _("%(name)s is not on the register of %(place)s as %(role)s (GOST %(clause)s).")
                % {
                    "name": worker.full_name,
                    "place": slaughterhouse,
                    "role": WorkerRole(role).label,
                    "clause": "7.6.2" if role == WorkerRole.SLAUGHTERER else "7.6.3",
                }
            ]
        else:
            found = worker_refusals(worker, date)
        if found:
            errors.setdefault(field, []).extend(found)
    return errors
