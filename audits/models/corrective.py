"""Nonconformities and the applicant's corrective actions (GOST 8.16)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .files import CheckedFile


class Severity(models.TextChoices):
    MINOR = "minor", _("minor")
    MAJOR = "major", _("major")
    CRITICAL = "critical", _("critical")


class NonconformityQuerySet(models.QuerySet):
    def issued(self):
        """Those the applicant has been told about: named in a decision, or in a
        production-check act that has been sent (GOST 8.16). A nonconformity in an act still
        being written is the commission's draft."""
        return self.filter(
            models.Q(item_result__isnull=True)
            | models.Q(item_result__act__state__in=["sent", "acknowledged"])
        )


class Nonconformity(models.Model):
    """A nonconformity found in the production check or named in a suspension (GOST 8.16)."""

    application = models.ForeignKey(
        "certification.Application",
        on_delete=models.CASCADE,
        related_name="nonconformities",
        verbose_name=_("application"),
    )
    description = models.TextField(_("nonconformity"))
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MAJOR
    )
    deadline = models.DateField(_("to be corrected by"), null=True, blank=True)
    # GOST 8.16: found in the production check and recorded in the act (Annex Ж) against one of
    # its items; without a deadline only when it was corrected during the check itself.
    item_result = models.ForeignKey(
        "audits.ItemResult",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="nonconformities",
        verbose_name=_("item of the production-check act"),
    )
    fixed_on_spot = models.BooleanField(_("corrected during the check"), default=False)
    agenda_item = models.ForeignKey(
        "certification.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nonconformities",
        verbose_name=_("decision"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = NonconformityQuerySet.as_manager()

    class Meta:
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        ordering = ["created_at", "pk"]
        constraints = [
            # GOST 8.16: what cannot be corrected during the check gets a deadline in the act.
            models.CheckConstraint(
                condition=models.Q(item_result__isnull=True)
                | models.Q(fixed_on_spot=True)
                | models.Q(deadline__isnull=False),
                name="act_nonconformity_has_deadline",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]


def evidence_upload_to(instance, filename: str) -> str:
    return f"evidence/{instance.action.nonconformity.application_id}/{uuid.uuid4().hex}"


class CorrectiveAction(models.Model):
    """The applicant's answer to a nonconformity: cause, action, evidence (GOST 8.16)."""

    nonconformity = models.ForeignKey(
        Nonconformity, on_delete=models.CASCADE, related_name="actions"
    )
    cause = models.TextField(_("cause"))
    action = models.TextField(_("corrective action"))
    done_on = models.DateField(_("done on"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by"),
    )
    filed_at = models.DateTimeField(_("filed"), auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted"), null=True)
    verification_note = models.TextField(_("verification note"), blank=True)

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["filed_at", "pk"]

    def __str__(self) -> str:
        return self.action[:80]


class EvidenceFile(CheckedFile):
    """A file proving a corrective action; checked like every dossier file."""

    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
