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


# Measured values keep the precision of the instruments (0.375 A): three decimals.
MEASURED = {"max_digits": 9, "decimal_places": 3}


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
    # GOST 7.6.2–7.6.4: whose register names the people of the batch (empty on entries made
    # before the register existed).
    slaughterhouse = models.ForeignKey(
        "slaughter.Slaughterhouse",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("slaughterhouse"),
    )
    date = models.DateField(_("date"))
    # The line's name as signed; the line itself, with its video recording, is on the register.
    line = models.CharField(_("slaughter line"), max_length=200)
    slaughter_line = models.ForeignKey(
        "slaughter.Line",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("slaughter line on the register"),
    )
    species = models.CharField(_("animals"), max_length=20, choices=Species.choices)
    head_count = models.PositiveIntegerField(_("number of animals"))
    # GOST 7.6.6: every batch comes with a veterinary document.
    veterinary_document = models.CharField(_("veterinary document"), max_length=200)
    method = models.CharField(_("slaughter"), max_length=20, choices=Method.choices)
    # The names as signed; the people themselves are on the register (GOST 7.6.2, 7.6.3).
    slaughterers = models.TextField(_("slaughterers (surnames)"))
    slaughterer_workers = models.ManyToManyField(
        "slaughter.Worker", blank=True, related_name="+", verbose_name=_("slaughterers")
    )
    stunning_operator = models.ForeignKey(
        "slaughter.Worker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stunning operator"),
    )
    # GOST 7.6.4: the register entry under which the halal controller signed.
    controller_worker = models.ForeignKey(
        "slaughter.Worker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("halal controller on the register"),
    )
    stunning = models.CharField(_("stunning"), max_length=20, choices=Stunning.choices)
    # Electrical stunning, Table 1.
    current_a = models.DecimalField(_("current, A"), null=True, blank=True, **MEASURED)
    duration_s = models.DecimalField(_("duration, s"), null=True, blank=True, **MEASURED)
    # Pneumatic percussive tool, GOST 7.6.7 а)–и).
    air_pressure_mpa = models.DecimalField(
        _("air pressure, MPa"), null=True, blank=True, **MEASURED
    )
    single_strike = models.BooleanField(_("each animal struck once"), default=False)
    stun_to_slaughter_s = models.PositiveIntegerField(
        _("from stunning to slaughter, s (longest)"), null=True, blank=True
    )
    # GOST 7.6.5: the knife, and the widest neck of the batch its blade is measured against.
    knife = models.ForeignKey(
        "slaughter.Knife",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("knife"),
    )
    neck_width_mm = models.DecimalField(
        _("widest neck, mm"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    # GOST 4 а) 13), 7.6.8: slaughtered with the Name of the Almighty pronounced. Null on entries
    # made before the journal asked (as for every record below).
    name_pronounced = models.BooleanField(_("the Name of the Almighty pronounced"), null=True)
    # GOST 7.6.6: the animals before slaughter.
    animals_rested = models.BooleanField(_("the animals were well rested"), null=True)
    veterinary_screened = models.BooleanField(
        _("the animals were screened by the veterinarian"), null=True
    )
    pregnant_excluded = models.BooleanField(
        _("animals past one third of pregnancy were excluded"), null=True
    )
    excluded_count = models.PositiveIntegerField(_("animals excluded from slaughter"), default=0)
    excluded_reason = models.TextField(_("why they were excluded"), blank=True)
    # GOST 7.6.8.1 б)–д), 7.6.8.2 а)–в): the cut, confirmed by the halal controller (7.6.4).
    cut_vessels = models.BooleanField(
        _("the jugular vein, the carotid artery and the trachea were cut in one movement"),
        null=True,
    )
    head_kept = models.BooleanField(
        _("neither the head nor the spinal cord was cut through"), null=True
    )
    blood_flowing = models.BooleanField(_("red blood flowed fast"), null=True)
    wrong_cut = models.PositiveIntegerField(_("animals slaughtered otherwise"), default=0)
    # GOST 7.6.7, 4 а) 11): animals the stunning killed; 7.6.7 и): a damaged skull (pneumatic).
    killed_by_stunning = models.PositiveIntegerField(_("animals killed by stunning"), default=0)
    skull_damaged = models.PositiveIntegerField(_("animals with a damaged skull"), default=0)
    haram_count = models.PositiveIntegerField(_("carcasses declared haram"), default=0)
    haram_reason = models.TextField(_("why they were declared haram"), blank=True)
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
            ),
            # Haram carcasses are kept apart (GOST 7.6.4).
            models.CheckConstraint(
                condition=models.Q(haram_count__lte=models.F("rejected")),
                name="slaughter_haram_kept_apart",
            ),
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
        """The deviations found when the entry was signed, in the reader's language."""
        return [finding.message for finding in self.findings.all()]
