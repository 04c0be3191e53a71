"""Writes of the slaughterhouse's plant: rooms, lines with their video recording (GOST 7.1,
7.6.4, 7.6.7), the line's knives (7.6.5), and the halal controller's periodic check of stunning
effectiveness (7.6.7)."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import (
    Knife,
    KnifeMaterial,
    Line,
    Room,
    RoomKind,
    Slaughterhouse,
    Stunning,
    StunningCheck,
)
from ..permissions import can_keep_register, can_write_journal
from ..rules.entry import MEASURED_PLACES, places
from ..rules.people import registered_controller


def _text(data: Mapping[str, Any], field: str) -> str:
    return (data.get(field) or "").strip()


def _keeper(slaughterhouse: Slaughterhouse, by: User) -> None:
    if not can_keep_register(slaughterhouse.organization, by):
        raise PermissionDenied


@transaction.atomic
def room_create(*, slaughterhouse: Slaughterhouse, by: User, data: Mapping[str, Any]) -> Room:
    _keeper(slaughterhouse, by)
    errors = {}
    name, kind = _text(data, "name"), data.get("kind")
    if not name:
        errors["name"] = _("Name the room.")
    if kind not in RoomKind.values:
        errors["kind"] = _("Choose the kind of room.")
    if errors:
        raise ValidationError(errors)
    return Room.objects.create(slaughterhouse=slaughterhouse, name=name, kind=kind)


@transaction.atomic
def line_create(*, slaughterhouse: Slaughterhouse, by: User, data: Mapping[str, Any]) -> Line:
    """A line with its rooms; whether its slaughter and stunning rooms are under video recording
    is the line's property (GOST 7.1, 7.6.4, 7.6.7) that each batch then confirms."""
    _keeper(slaughterhouse, by)
    errors = {}
    name = _text(data, "name")
    if not name:
        errors["name"] = _("Name the line.")
    elif slaughterhouse.lines.filter(name__iexact=name).exists():
        errors["name"] = _("The slaughterhouse already has a line so named.")
    rooms = {"slaughter_room": RoomKind.SLAUGHTER, "stunning_room": RoomKind.STUNNING}
    for field, kind in rooms.items():
        room = data.get(field)
        if room is not None and (room.slaughterhouse_id != slaughterhouse.pk or room.kind != kind):
            errors[field] = _("Choose a %(kind)s of this slaughterhouse.") % {
                "kind": RoomKind(kind).label
            }
    if errors:
        raise ValidationError(errors)
    return Line.objects.create(
        slaughterhouse=slaughterhouse,
        name=name,
        slaughter_room=data.get("slaughter_room"),
        stunning_room=data.get("stunning_room"),
        video_recording=bool(data.get("video_recording")),
    )


@transaction.atomic
def knife_register(*, line: Line, by: User, data: Mapping[str, Any]) -> Knife:
    """GOST 7.6.5: a slaughter knife of the line, of a material without claws, teeth or bone."""
    _keeper(line.slaughterhouse, by)
    errors = {}
    label, blade, material = _text(data, "label"), data.get("blade_length_mm"), data.get("material")
    if not label:
        errors["label"] = _("Give the knife's marking.")
    if blade is None or blade <= 0:
        errors["blade_length_mm"] = _("Give the blade length in millimetres.")
    if material not in KnifeMaterial.values:
        # GOST 7.6.5 б): not made of claws, teeth (fangs), bone and the like.
        errors["material"] = _(
            "Choose the blade's material: steel or ceramic; claws, teeth and bone are not "
            "allowed (GOST 7.6.5 б))."
        )
    if errors:
        raise ValidationError(errors)
    return Knife.objects.create(
        line=line,
        label=label,
        blade_length_mm=blade,
        material=material,
        registered_on=data.get("registered_on") or timezone.localdate(),
    )


@transaction.atomic
def knife_retire(*, knife: Knife, by: User, day: datetime.date | None = None) -> Knife:
    _keeper(knife.line.slaughterhouse, by)
    knife = Knife.objects.select_for_update().get(pk=knife.pk)
    day = day or timezone.localdate()
    if knife.retired_on is not None:
        raise ValidationError(_("This knife is already out of use."))
    if day <= knife.registered_on:
        raise ValidationError(_("A knife goes out of use after it came into use."))
    knife.retired_on = day
    knife.save(update_fields=["retired_on"])
    return knife


@transaction.atomic
def stunning_check_record(*, line: Line, by: User, data: Mapping[str, Any]) -> StunningCheck:
    """GOST 7.6.7: the halal controller checks the stunning equipment with their instruments
    and records the result; when an animal showed no signs of life after stunning, the method
    or the parameters must change, and the check says how."""
    organization = line.slaughterhouse.organization
    if not can_write_journal(organization, by):
        raise PermissionDenied
    errors: dict[str, Any] = {}
    date, stunning = data.get("date"), data.get("stunning")
    equipment, change = _text(data, "equipment"), _text(data, "change")
    if date is None:
        errors["date"] = _("Give the date of the check.")
    elif date > timezone.localdate():
        errors["date"] = _("A check cannot be recorded in advance.")
    if not equipment:
        errors["equipment"] = _("Name the stunning equipment checked.")
    measured = {f: data.get(f) for f in ("voltage_v", "current_a", "pressure_mpa")}
    if stunning == Stunning.ELECTRICAL:
        if measured["voltage_v"] is None and measured["current_a"] is None:
            # «контролировать рабочее напряжение и (или) силу тока вольтметром и (или) амперметром»
            errors["current_a"] = _("Give the voltage or the current measured (GOST 7.6.7).")
        measured["pressure_mpa"] = None
    elif stunning == Stunning.PNEUMATIC:
        if measured["pressure_mpa"] is None:
            errors["pressure_mpa"] = _("Give the air pressure measured (GOST 7.6.7 б)).")
        measured |= {"voltage_v": None, "current_a": None}
    else:
        errors["stunning"] = _("Choose the stunning checked.")
    for field, value in measured.items():
        if value is not None and places(value) > MEASURED_PLACES:
            errors[field] = _("Give at most three decimals, as the instrument shows.")
    if data.get("effective") is None:
        errors["effective"] = _("Answer yes or no.")
    no_signs = bool(data.get("no_signs_of_life"))
    if (no_signs or data.get("effective") is False) and not change:
        # «В случае если после оглушения животное не подает признаков жизни, то необходимо
        # изменить способ и (или) параметры оглушения.»
        errors["change"] = _(
            "Say how the method or the parameters of stunning were changed (GOST 7.6.7)."
        )
    controller = None
    if "date" not in errors:
        controller, refused = registered_controller(
            organization=organization, user=by, day=date, slaughterhouse=line.slaughterhouse
        )
        if refused:
            errors[NON_FIELD_ERRORS] = refused
    if errors:
        raise ValidationError(errors)
    return StunningCheck.objects.create(
        line=line,
        date=date,
        equipment=equipment,
        stunning=stunning,
        effective=bool(data["effective"]),
        no_signs_of_life=no_signs,
        change=change,
        controller=by,
        controller_worker=controller,
        controller_name=by.get_short_name(),
        signed_at=timezone.now(),
        **measured,
    )
