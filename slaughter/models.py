"""The slaughterhouse's slaughter journal (GOST 7.6), kept by its halal controller."""

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from audits.models.journal import ControllerSigned


class Species(models.TextChoices):
    """The animals of Table 1 (GOST 7.6.7), including birds."""

    CHICKENS = "chickens", _("chickens")
    LAMBS = "lambs", _("lambs")
    GOATS = "goats", _("goats")
    SHEEP = "sheep", _("sheep")
    CALVES = "calves", _("calves")
    STEERS = "steers", _("steers")
    COWS = "cows", _("cows")
    BULLS = "bulls", _("bulls")
    BUFFALO = "buffalo", _("buffalo")
    OSTRICHES = "ostriches", _("ostriches")
    HORSES = "horses", _("horses")


class Method(models.TextChoices):
    MANUAL = "manual", _("manual (GOST 7.6.8.1)")
    MECHANICAL = "mechanical", _("mechanical, poultry (GOST 7.6.8.2)")


class Stunning(models.TextChoices):
    NONE = "none", _("without stunning")
    ELECTRICAL = "electrical", _("electrical")
    PNEUMATIC = "pneumatic", _("pneumatic percussive tool")


class SlaughterEntry(ControllerSigned):
    """One batch slaughtered on one line, signed by the slaughterhouse's halal controller
    (GOST 7.6.4). It records what happened: a departure from the standard is kept and shown
    (slaughter.rules.deviations), not refused. Entries are never changed: a correction is a new
    entry."""

    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="slaughter_entries",
        verbose_name=_("enterprise"),
    )
    date = models.DateField(_("date"))
    line = models.CharField(_("slaughter line"), max_length=200)
    species = models.CharField(_("animals"), max_length=20, choices=Species.choices)
    head_count = models.PositiveIntegerField(_("number of animals"))
    # GOST 7.6.6: every batch comes with a veterinary document.
    veterinary_document = models.CharField(_("veterinary document"), max_length=200)
    method = models.CharField(_("slaughter"), max_length=20, choices=Method.choices)
    slaughterers = models.TextField(_("slaughterers (surnames)"))
    stunning = models.CharField(_("stunning"), max_length=20, choices=Stunning.choices)
    # Electrical stunning, Table 1.
    current_a = models.DecimalField(
        _("current, A"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    duration_s = models.DecimalField(
        _("duration, s"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    # Pneumatic percussive tool, GOST 7.6.7 а)–и).
    air_pressure_mpa = models.DecimalField(
        _("air pressure, MPa"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    single_strike = models.BooleanField(_("each animal struck once"), default=False)
    stun_to_slaughter_s = models.PositiveIntegerField(
        _("from stunning to slaughter, s (longest)"), null=True, blank=True
    )
    video_recorded = models.BooleanField(_("video recording on during slaughter"))
    death_confirmed = models.BooleanField(_("death confirmed before primary processing"))
    # Animals found not to conform (killed by stunning, wrong cut, injured): kept apart (7.6.4).
    rejected = models.PositiveIntegerField(_("not conforming, kept apart"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("slaughter journal entry")
        verbose_name_plural = _("slaughter journal")
        ordering = ["-date", "-signed_at", "-pk"]
        indexes = [models.Index(fields=["organization", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rejected__lte=models.F("head_count")),
                name="slaughter_rejected_within_batch",
                violation_error_message=_("More animals kept apart than slaughtered."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.line}: {self.get_species_display()}, {self.head_count}"

    def get_absolute_url(self) -> str:
        return reverse(
            "slaughter:entry", kwargs={"org_pk": self.organization_id, "slaughter_pk": self.pk}
        )

    @property
    def slaughterer_list(self) -> list[str]:
        return [line.strip() for line in self.slaughterers.splitlines() if line.strip()]

    @cached_property
    def deviations(self) -> list[str]:
        from .rules import deviations

        return deviations(self)
