"""Writes of the slaughter journal (GOST 7.6).

The slaughterhouse's halal controller records each batch slaughtered on a line — the animals, the
veterinary document, the slaughterers, the stunning and its parameters, the video recording and
the confirmation of death — and signs it (GOST 7.6.4). An entry lacking what the journal must
hold is refused; a departure from the rules of slaughter is recorded as it happened and shown
(slaughter.rules.deviations)."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from audits.permissions import can_write_journal

from ..models import Method, SlaughterEntry, Species, Stunning, Worker, WorkerRole
from ..rules.people import registered_controller, worker_refusals


def _text(data: Mapping[str, Any], field: str) -> str:
    return (data.get(field) or "").strip()


@transaction.atomic
def slaughter_entry_record(
    *, organization: Organization, by: User, data: Mapping[str, Any]
) -> SlaughterEntry:
    """Record and sign one batch. Entries are never edited: a correction is a new entry."""
    if not can_write_journal(organization, by):
        raise PermissionDenied
    errors: dict[str, Any] = {}
    date = data.get("date")
    if date is None:
        errors["date"] = _("Give the date of the slaughter.")
    elif date > timezone.localdate():
        errors["date"] = _("A slaughter cannot be recorded in advance.")
    line = _text(data, "line")
    veterinary_document = _text(data, "veterinary_document")
    if not line:
        errors["line"] = _("Name the slaughter line.")
    if data.get("species") not in Species.values:
        errors["species"] = _("Choose the animals.")
    head_count, rejected = data.get("head_count"), data.get("rejected") or 0
    if not head_count or head_count < 1:
        errors["head_count"] = _("Give the number of animals slaughtered.")
    elif rejected > head_count:
        errors["rejected"] = _("More animals kept apart than slaughtered.")
    if not veterinary_document:
        # GOST 7.6.6: every batch of animals comes with a veterinary document.
        errors["veterinary_document"] = _("Give the batch's veterinary document (GOST 7.6.6).")
    if data.get("method") not in Method.values:
        errors["method"] = _("Choose how the animals were slaughtered.")
    slaughterhouse = data.get("slaughterhouse")
    if slaughterhouse is None or slaughterhouse.organization_id != organization.pk:
        errors["slaughterhouse"] = _("Choose the slaughterhouse.")
    slaughterers = list(data.get("slaughterers") or [])
    if not slaughterers:
        errors["slaughterers"] = _("Name the slaughterers from the register (GOST 7.6.2).")
    stunning = data.get("stunning")
    parameters = {
        "current_a": data.get("current_a"),
        "duration_s": data.get("duration_s"),
        "air_pressure_mpa": data.get("air_pressure_mpa"),
        "single_strike": bool(data.get("single_strike")),
        "stun_to_slaughter_s": data.get("stun_to_slaughter_s"),
    }
    if stunning not in Stunning.values:
        errors["stunning"] = _("Say whether and how the animals were stunned.")
    elif stunning == Stunning.ELECTRICAL:
        # GOST 7.6.7, Table 1: the current and its duration are what the controller checks.
        for field in ("current_a", "duration_s"):
            if parameters[field] is None:
                errors[field] = _("Give the current and its duration (GOST 7.6.7, Table 1).")
        parameters.update(air_pressure_mpa=None, single_strike=False)
    elif stunning == Stunning.PNEUMATIC:
        if parameters["air_pressure_mpa"] is None:
            errors["air_pressure_mpa"] = _("Give the air pressure of the tool (GOST 7.6.7 б).")
        parameters.update(current_a=None, duration_s=None)
    else:
        parameters = dict.fromkeys(parameters, None) | {"single_strike": False}
    stunned = stunning in (Stunning.ELECTRICAL, Stunning.PNEUMATIC)
    if stunned and parameters["stun_to_slaughter_s"] is None:
        errors["stun_to_slaughter_s"] = _(
            "Give the longest time from stunning to slaughter (GOST 7.6.7)."
        )
    operator = data.get("stunning_operator") if stunned else None
    if stunned and operator is None:
        errors["stunning_operator"] = _(
            "Name the stunning operator from the register (GOST 7.6.3)."
        )
    for field in ("video_recorded", "death_confirmed"):
        if data.get(field) is None:
            errors[field] = _("Answer yes or no.")
    controller = None
    if "date" not in errors and "slaughterhouse" not in errors:
        # GOST 7.6.4, 2.17: the signer is the slaughterhouse's registered halal controller with
        # valid documents on the batch's date.
        controller, refused = registered_controller(
            organization=organization, user=by, day=date, slaughterhouse=slaughterhouse
        )
        if refused:
            errors[NON_FIELD_ERRORS] = refused
        errors.update(_people_refusals(slaughterhouse, date, slaughterers, operator))
    if errors:
        raise ValidationError(errors)
    entry = SlaughterEntry.objects.create(
        organization=organization,
        slaughterhouse=slaughterhouse,
        date=date,
        line=line,
        species=data["species"],
        head_count=head_count,
        veterinary_document=veterinary_document,
        method=data["method"],
        slaughterers="\n".join(w.full_name for w in slaughterers),
        stunning_operator=operator,
        controller_worker=controller,
        stunning=stunning,
        video_recorded=bool(data["video_recorded"]),
        death_confirmed=bool(data["death_confirmed"]),
        rejected=rejected,
        notes=_text(data, "notes"),
        controller=by,
        controller_name=by.get_short_name(),
        signed_at=timezone.now(),
        **parameters,
    )
    entry.slaughterer_workers.set(slaughterers)
    return entry


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
