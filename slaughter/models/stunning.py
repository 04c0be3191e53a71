"""The halal controller's periodic check of stunning effectiveness (GOST 7.6.7)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audits.models.journal import ControllerSigned

from .journal import MEASURED, Stunning
from .plant import Line


class StunningCheck(ControllerSigned):
    """GOST 7.6.7: «Халяль-контролер периодически должен проводить контроль эффективности
    оглушения»: the equipment checked, what the instruments measured, the result, and the change
    of method or parameters when an animal showed no signs of life after stunning."""

    line = models.ForeignKey(
        Line,
        on_delete=models.PROTECT,
        related_name="stunning_checks",
        verbose_name=_("slaughter line"),
    )
    controller_worker = models.ForeignKey(
        "slaughter.Worker",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("halal controller on the register"),
    )
    date = models.DateField(_("date"))
    equipment = models.CharField(_("stunning equipment"), max_length=300)
    stunning = models.CharField(_("stunning"), max_length=20, choices=Stunning.choices)
    voltage_v = models.DecimalField(_("voltage, V"), null=True, blank=True, **MEASURED)
    current_a = models.DecimalField(_("current, A"), null=True, blank=True, **MEASURED)
    pressure_mpa = models.DecimalField(_("air pressure, MPa"), null=True, blank=True, **MEASURED)
    effective = models.BooleanField(_("the animals were immobilised without stopping the heart"))
    no_signs_of_life = models.BooleanField(
        _("an animal showed no signs of life after stunning"), default=False
    )
    change = models.TextField(_("change of the method or the parameters"), blank=True)

    class Meta:
        verbose_name = _("stunning effectiveness check")
        verbose_name_plural = _("stunning effectiveness checks")
        ordering = ["-date", "-signed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.line}"

    def get_absolute_url(self) -> str:
        return reverse(
            "slaughter:stunning-checks",
            kwargs={"org_pk": self.line.slaughterhouse.organization_id},
        )


class StunningUpload(models.Model):
    """One request of the stunning-check API that stored readings on a batch, by the batch's
    registered halal controller (GOST 7.6.4, 7.6.7): who, when, how many, how many departed."""

    entry = models.ForeignKey(
        "slaughter.SlaughterEntry",
        on_delete=models.PROTECT,
        related_name="uploads",
        verbose_name=_("slaughter journal entry"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    count = models.PositiveIntegerField(_("readings"))
    nonconforming = models.PositiveIntegerField(_("readings outside the standard"))

    class Meta:
        verbose_name = _("upload of stunning readings")
        verbose_name_plural = _("uploads of stunning readings")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.submitted_at:%d.%m.%Y %H:%M} ({self.count})"


class StunningReading(models.Model):
    """One reading of the plant's stunning equipment, judged against Table 1 as it came; the
    animals are the batch's. Only what was measured is kept, so that 10,000 rows are written in
    a fraction of a second."""

    upload = models.ForeignKey(
        StunningUpload,
        on_delete=models.PROTECT,
        related_name="readings",
        verbose_name=_("upload"),
    )
    taken_at = models.DateTimeField(_("taken at"))
    stunning = models.CharField(_("stunning"), max_length=20, choices=Stunning.choices)
    current_a = models.DecimalField(_("current, A"), null=True, blank=True, **MEASURED)
    duration_s = models.DecimalField(_("duration, s"), null=True, blank=True, **MEASURED)
    pressure_mpa = models.DecimalField(_("air pressure, MPa"), null=True, blank=True, **MEASURED)
    strikes = models.PositiveIntegerField(_("strikes"), null=True, blank=True)
    stun_to_slaughter_s = models.PositiveIntegerField(
        _("from stunning to slaughter, s"), null=True, blank=True
    )
    # The codes of its deviations (slaughter.rules.deviation), comma-separated; empty: conforms.
    deviations = models.CharField(_("deviations"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("stunning reading")
        verbose_name_plural = _("stunning readings")
        ordering = ["taken_at", "pk"]

    def __str__(self) -> str:
        return f"{self.taken_at:%d.%m.%Y %H:%M:%S}"

    @property
    def ok(self) -> bool:
        return not self.deviations
