"""The knife of a batch (GOST 7.6.5): registered on the batch's line, in use on its date, of an
allowed material, and long enough for the necks of the batch."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from ..models import Knife, Species
from .deviation import decimal_text
from .table1 import POULTRY

# GOST 7.6.5 в): the blade is at least twice the neck width for cattle and small ruminants,
# four times for poultry. Horses are not named; as mammals they take the ratio of cattle.
BLADE_TO_NECK = {True: Decimal(4), False: Decimal(2)}


def blade_ratio(species: str) -> Decimal:
    return BLADE_TO_NECK[species in POULTRY]


def knife_refusal(
    knife: Knife, *, line, species: str, neck_width_mm: Decimal, day: datetime.date
) -> str | None:
    """Why ``knife`` may not be the knife of the batch; None when it may."""
    if knife.line_id != line.pk or not knife.in_use(day):
        return _(
            "The knife %(knife)s is not in use on the line %(line)s on %(date)s (GOST 7.6.5)."
        ) % {
            "knife": knife.label,
            "line": line,
            "date": day.strftime("%d.%m.%Y"),
        }
    ratio = blade_ratio(species)
    if knife.blade_length_mm < ratio * neck_width_mm:
        return _(
            "The blade of %(knife)s is %(blade)s mm: for %(species)s with a neck of %(neck)s mm "
            "it must be at least %(ratio)s times as long, %(needed)s mm (GOST 7.6.5 в))."
        ) % {
            "knife": knife.label,
            "blade": decimal_text(knife.blade_length_mm),
            "species": Species(species).label,
            "neck": decimal_text(neck_width_mm),
            "ratio": ratio,
            "needed": decimal_text(ratio * neck_width_mm),
        }
    return None
