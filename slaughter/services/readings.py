"""Readings of the plant's stunning equipment stored on a batch (GOST 7.6.4, 7.6.7): by the
batch's registered halal controller, all of them or none, each judged against Table 1; the
rules they break become the batch's findings (the worst reading of each, and how many)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from ..models import Finding, SlaughterEntry, StunningReading, StunningUpload
from ..permissions import can_write_journal
from ..rules.deviation import Deviation
from ..rules.people import registered_controller
from ..rules.readings import Reading, worst_by_code


@transaction.atomic
def stunning_readings_store(
    *,
    entry: SlaughterEntry,
    by: User,
    readings: list[Reading],
    deviations: list[list[Deviation]],
) -> int:
    """Store the readings already parsed and judged (``deviations`` in the same order) in one
    transaction. Returns how many were stored."""
    organization = entry.organization
    if not can_write_journal(organization, by):
        raise PermissionDenied
    # GOST 7.6.4: the readings become part of the batch's record, which only the slaughterhouse's
    # registered halal controller, valid on the batch's date, keeps.
    _worker, refused = registered_controller(
        organization=organization, user=by, day=entry.date, slaughterhouse=entry.slaughterhouse
    )
    if refused:
        raise PermissionDenied(" ".join(refused))
    upload = StunningUpload.objects.create(
        entry=entry,
        submitted_by=by,
        submitted_at=timezone.now(),
        count=len(readings),
        nonconforming=sum(1 for found in deviations if found),
    )
    StunningReading.objects.bulk_create(
        StunningReading(
            upload=upload,
            taken_at=reading.taken_at,
            stunning=reading.stunning,
            current_a=reading.current_a,
            duration_s=reading.duration_s,
            pressure_mpa=reading.pressure_mpa,
            strikes=reading.strikes,
            stun_to_slaughter_s=reading.stun_to_slaughter_s,
            deviations=",".join(d.code for d in found),
        )
        for reading, found in zip(readings, deviations, strict=True)
    )
    Finding.objects.bulk_create(
        Finding(
            entry=entry,
            code=worst.code,
            clause=worst.clause,
            value=worst.value,
            allowed=worst.allowed,
            species=worst.species,
            reading_count=count,
        )
        for worst, count in worst_by_code(deviations)
    )
    return len(readings)
