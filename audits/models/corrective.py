"""Nonconformities and the applicant's corrective actions (GOST 8.16)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    MINOR = "minor", _("minor")
    MAJOR = "major", _("major")
    CRITICAL = "critical", _("critical")


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

    class Meta:
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


def evidence_upload_to(instance, filename: str) -> str:
    import uuid

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


class EvidenceFile(models.Model):
    """A file proving a corrective action; checked like every dossier file."""

    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name
