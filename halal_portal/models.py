"""Documents the portal renders to PDF (the forms of the standard, protocols, letters), and the
shape every transition log of a state machine shares."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def document_upload_to(instance: "RenderedDocument", filename: str) -> str:
    # One fixed name per row: a re-render overwrites the same file, never adds a second one.
    return f"documents/{instance.kind}/{instance.pk}.pdf"


class RenderedDocument(models.Model):
    """One PDF of one object: the certificate of a Certificate, the protocol of a Meeting…

    The data printed on it is captured in ``snapshot`` when the document is issued, so a render
    years later, after the organization or the reference data changed, prints the same thing.
    """

    kind = models.CharField(_("document"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    failure_reason = models.TextField(_("reason of the failure"), blank=True)
    snapshot = models.JSONField(_("data of the document"))
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size, bytes"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("render attempts"), default=0)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("rendered document")
        verbose_name_plural = _("rendered documents")
        ordering = ["created_at", "pk"]
        constraints = [
            # A retried task or a second delivery finds the row and never makes a second one.
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"], name="rendered_document_once"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["status", "updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}"

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY and bool(self.file)

    @property
    def is_pending(self) -> bool:
        return self.status in (DocumentStatus.QUEUED, DocumentStatus.RENDERING)


class TransitionLogBase(models.Model):
    """One entry of a state machine's history: who, when, from, to and why. Each machine has one
    concrete log with a foreign key to it (halal_portal/workflow.py writes them); its pages show
    the log as a timeline. Beside the transitions, a log keeps the events that leave the state
    as it is (``source == target``): the creation, one signature among several."""

    transition = models.CharField(_("action"), max_length=50)
    source = models.CharField(_("from"), max_length=30)
    target = models.CharField(_("to"), max_length=30)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.transition}: {self.source} → {self.target}"

    @property
    def source_label(self) -> str:
        from .workflow import state_label

        return state_label(type(self), self.source)

    @property
    def target_label(self) -> str:
        from .workflow import state_label

        return state_label(type(self), self.target)
