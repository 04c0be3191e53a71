"""Every deviation of a batch is kept as a finding that the commission, or the expert-auditor
during a check, answers (GOST 8.16, 8.17): accepted with a reason, a nonconformity raised (then
corrected by the applicant, 8.16), or the batch's carcasses declared haram."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .journal import SlaughterEntry


class Answer(models.TextChoices):
    ACCEPTED = "accepted", _("accepted with a reason")
    NONCONFORMITY = "nonconformity", _("nonconformity raised")
    HARAM = "haram", _("carcasses declared haram")


class FindingQuerySet(models.QuerySet):
    def unsettled(self):
        """Not answered yet, or answered with a nonconformity that is not closed (its corrective
        action is not accepted yet, GOST 8.16) or was removed from the act's draft."""
        return self.filter(
            Q(answer="")
            | Q(answer=Answer.NONCONFORMITY, nonconformity__isnull=True)
            | Q(answer=Answer.NONCONFORMITY, nonconformity__closed_at__isnull=True)
        )


class Finding(models.Model):
    """One deviation of one batch as the rules found it when the batch was signed: the clause,
    the measured value and the allowed one (slaughter.rules.deviation)."""

    entry = models.ForeignKey(
        SlaughterEntry,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("slaughter journal entry"),
    )
    code = models.CharField(_("rule"), max_length=40)
    clause = models.CharField(_("clause"), max_length=60)
    value = models.CharField(_("measured"), max_length=40, blank=True)
    allowed = models.CharField(_("allowed"), max_length=40, blank=True)
    species = models.CharField(_("animals"), max_length=20, blank=True)
    # Found in readings of the plant's equipment (the stunning-check API): how many readings;
    # the value is the one furthest from the allowed.
    reading_count = models.PositiveIntegerField(_("readings"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    haram_count = models.PositiveIntegerField(_("carcasses declared haram"), null=True, blank=True)
    nonconformity = models.ForeignKey(
        "audits.Nonconformity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nonconformity"),
    )
    # The application whose commission or check answered.
    application = models.ForeignKey(
        "certification.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("application"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("deviation of a batch")
        verbose_name_plural = _("deviations of batches")
        ordering = ["entry", "pk"]
        indexes = [models.Index(fields=["answer"])]

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        from ..rules.deviation import render, render_readings

        text = render(self.code, self.clause, self.value, self.allowed, self.species)
        return render_readings(text, self.reading_count) if self.reading_count else text

    @property
    def settled(self) -> bool:
        if self.answer == Answer.NONCONFORMITY:
            return self.nonconformity is not None and self.nonconformity.closed_at is not None
        return bool(self.answer)
