"""Reports of misuse of the «Halal» sign from the public (ISO/IEC 17065 7.13), with their
state machine and its log."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from .. import permissions, rules

# No 0/O, 1/I/L: a code read from a phone's screen and typed back is typed right.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def tracking_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))


class ReportKind(models.TextChoices):
    NOT_COVERED = "not_covered", _("The sign is on a product the registry does not cover")
    BAD_NUMBER = "bad_number", _("The certificate number does not exist or has expired")
    NOT_HALAL = "not_halal", _("The product seems not to be halal")
    OTHER = "other", _("Something else")


class ReportState(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Under review")
    REFERRED = "referred", _("Before the commission")
    CLOSED = "closed", _("Closed")


class ReportOutcome(models.TextChoices):
    CERTIFICATE_SUSPENDED = "certificate_suspended", _("The certificate was suspended")
    NOT_CONFIRMED = "not_confirmed", _("The misuse was not confirmed")
    NOT_OURS = "not_ours", _("The product is not certified by this body; the report was passed on")
    DUPLICATE = "duplicate", _("The same case was already reported")
    NOT_SUSPENDED = "not_suspended", _("The commission decided not to suspend the certificate")


# What the secretary may close a report with; a suspension comes only from the commission.
CLOSING_OUTCOMES = [c for c in ReportOutcome.choices if c[0] != ReportOutcome.CERTIFICATE_SUSPENDED]


class Report(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    """What a shopper saw; no account, only an optional e-mail for follow-up."""

    code = models.CharField(
        _("tracking code"), max_length=10, unique=True, default=tracking_code, editable=False
    )
    kind = models.CharField(_("what is wrong"), max_length=20, choices=ReportKind.choices)
    description = models.TextField(_("what you saw"))
    place = models.CharField(_("where bought or seen"), max_length=300)
    product_name = models.CharField(_("product"), max_length=300, blank=True)
    gtin = models.CharField(
        _("barcode (GTIN)"), max_length=14, blank=True, validators=[rules.validate_gtin]
    )
    number_shown = models.CharField(_("certificate number shown"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail for follow-up"), blank=True)
    certificate = models.ForeignKey(
        "certification.Certificate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("certificate"),
    )
    agenda_item = models.ForeignKey(
        "certification.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("agenda item"),
    )
    state = FSMField(
        _("stage"), default=ReportState.RECEIVED, choices=ReportState.choices, protected=True
    )
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=ReportOutcome.choices, blank=True
    )
    # Internal: may name people or shops, so the public status page never shows it.
    reason = models.TextField(_("reason for closing"), blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    acknowledge_due = models.DateField(_("acknowledge by"))
    decide_due = models.DateField(_("decide by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The holder's answer when the report concerns its certificate.
    holder_answer = models.TextField(_("holder's answer"), blank=True)
    holder_answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["state", "received_at"])]

    def __str__(self) -> str:
        return _("Report %(code)s") % {"code": self.code}

    def get_absolute_url(self) -> str:
        return reverse("feedback:report-detail", kwargs={"pk": self.pk})

    def get_status_url(self) -> str:
        return reverse("feedback:report-status", kwargs={"code": self.code})

    @property
    def is_open(self) -> bool:
        return self.state != ReportState.CLOSED

    # --- transitions: they move the state and stamp fields; services do the rest ---

    @transition(
        field=state,
        source=ReportState.RECEIVED,
        target=ReportState.ACKNOWLEDGED,
        permission=permissions.can_triage,
    )
    def acknowledge(self, *, by) -> None:
        self.acknowledged_at = timezone.now()

    @transition(
        field=state,
        source=[ReportState.RECEIVED, ReportState.ACKNOWLEDGED],
        target=ReportState.REFERRED,
        conditions=[rules.has_certificate],
        permission=permissions.can_triage,
    )
    def refer(self, *, by) -> None:
        """Put before the commission as «suspend the certificate»."""
        if self.acknowledged_at is None:
            self.acknowledged_at = timezone.now()

    @transition(
        field=state,
        source=[ReportState.RECEIVED, ReportState.ACKNOWLEDGED, ReportState.REFERRED],
        target=ReportState.CLOSED,
        permission=permissions.can_triage,
    )
    def close(self, *, by, outcome: str, reason: str) -> None:
        self.outcome = outcome
        self.reason = reason
        self.closed_at = timezone.now()
        if self.acknowledged_at is None:
            self.acknowledged_at = self.closed_at


def photo_upload_to(instance: "ReportPhoto", filename: str) -> str:
    # Random names: what the reporter called the file is never a path on our disk.
    return f"reports/{instance.report_id}/{uuid.uuid4().hex}"


class ReportPhoto(models.Model):
    """A photo of the product or its label, re-encoded without its metadata (EXIF location)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("file"), upload_to=photo_upload_to, max_length=300)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file.name


class StageLog(models.Model):
    """Every stage change of a record of this app: who, when, from, to and why."""

    transition = models.CharField(_("action"), max_length=30)
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
        return f"{self.source} → {self.target}"


class ReportLog(StageLog):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="log")
    source = models.CharField(_("from"), max_length=20, choices=ReportState.choices)
    target = models.CharField(_("to"), max_length=20, choices=ReportState.choices)

    class Meta(StageLog.Meta):
        verbose_name = _("report stage change")
        verbose_name_plural = _("report stage changes")
