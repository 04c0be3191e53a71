"""The slaughterhouse's plant: its rooms, its lines with their video recording (GOST 7.1, 7.6.4,
7.6.7) and the register of each line's knives (7.6.5)."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import Slaughterhouse


class RoomKind(models.TextChoices):
    HOLDING = "holding", _("pre-slaughter holding")
    STUNNING = "stunning", _("stunning room")
    SLAUGHTER = "slaughter", _("slaughter room")
    PROCESSING = "processing", _("primary processing")


class Room(models.Model):
    slaughterhouse = models.ForeignKey(
        Slaughterhouse,
        on_delete=models.PROTECT,
        related_name="rooms",
        verbose_name=_("slaughterhouse"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of room"), max_length=20, choices=RoomKind.choices)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Line(models.Model):
    """A slaughter line. Its video recording of the slaughter and the stunning (GOST 7.1, 7.6.4,
    7.6.7) is a property of the line; each batch confirms it was on."""

    slaughterhouse = models.ForeignKey(
        Slaughterhouse,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("slaughterhouse"),
    )
    name = models.CharField(_("name"), max_length=200)
    slaughter_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("slaughter room"),
    )
    stunning_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stunning room"),
    )
    video_recording = models.BooleanField(
        _("video recording of the slaughter and stunning rooms"), default=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("slaughter line")
        verbose_name_plural = _("slaughter lines")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slaughterhouse", "name"], name="slaughter_line_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class KnifeMaterial(models.TextChoices):
    """GOST 7.6.5 б): no claws, teeth (fangs) or bone: only these materials are registered."""

    STAINLESS_STEEL = "stainless_steel", _("stainless steel")
    CARBON_STEEL = "carbon_steel", _("carbon steel")
    CERAMIC = "ceramic", _("ceramic")


class Knife(models.Model):
    """A slaughter knife of a line (GOST 7.6.5), from ``registered_on`` until ``retired_on``."""

    line = models.ForeignKey(
        Line, on_delete=models.PROTECT, related_name="knives", verbose_name=_("slaughter line")
    )
    label = models.CharField(_("marking"), max_length=100)
    blade_length_mm = models.DecimalField(_("blade length, mm"), max_digits=6, decimal_places=1)
    material = models.CharField(_("material"), max_length=20, choices=KnifeMaterial.choices)
    registered_on = models.DateField(_("in use since"))
    retired_on = models.DateField(_("out of use since"), null=True, blank=True)

    class Meta:
        verbose_name = _("slaughter knife")
        verbose_name_plural = _("slaughter knives")
        ordering = ["label", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(blade_length_mm__gt=0), name="slaughter_knife_has_a_blade"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.blade_length_mm} mm)"

    def in_use(self, day: datetime.date) -> bool:
        return self.registered_on <= day and (self.retired_on is None or day < self.retired_on)
