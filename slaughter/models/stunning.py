"""The halal controller's periodic check of stunning effectiveness (GOST 7.6.7)."""

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
