"""Appeals against the commission's decisions (GOST 8.12, 8.16; ISO/IEC 17065 7.13), decided by a
panel of commission members who took no part in the decision nor in the production check."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from .. import permissions
from .reports import StageLog, tracking_code


class AppealSettings(models.Model):
    """Set in the admin: how long after a decision's protocol an appeal may be filed."""

    days = models.PositiveSmallIntegerField(_("days to appeal after the decision"), default=30)

    class Meta:
        verbose_name = _("appeal period")
        verbose_name_plural = _("appeal period")

    def __str__(self) -> str:
        return _("%(days)s days") % {"days": self.days}

    @classmethod
    def get(cls) -> "AppealSettings":
        return cls.objects.get_or_create(pk=1)[0]


class AppealState(models.TextChoices):
    FILED = "filed", _("Filed")
    PANEL = "panel", _("Before the appeal panel")
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Rejected")


PENDING_STATES = (AppealState.FILED, AppealState.PANEL)


class Appeal(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    code = models.CharField(
        _("number"), max_length=10, unique=True, default=tracking_code, editable=False
    )
    application = models.ForeignKey(
        "certification.Application",
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("application"),
    )
    decision = models.ForeignKey(
        "certification.AgendaItem",
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("decision appealed"),
    )
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("appellant"),
    )
    grounds = models.TextField(_("grounds of the appeal"))
    state = FSMField(
        _("status"), default=AppealState.FILED, choices=AppealState.choices, protected=True
    )
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="appeal_panels", verbose_name=_("panel")
    )
    protocol_number = models.PositiveIntegerField(_("protocol No."), null=True, unique=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reasons = models.TextField(_("reasons of the panel"), blank=True)
    votes_uphold = models.PositiveSmallIntegerField(default=0)
    votes_reject = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at", "-pk"]

    def __str__(self) -> str:
        return _("Appeal %(code)s") % {"code": self.code}

    def get_absolute_url(self) -> str:
        return reverse("feedback:appeal-detail", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.state in PENDING_STATES

    @property
    def protocol_reference(self) -> str:
        if not self.protocol_number:
            return ""
        return _("appeal panel protocol of %(date)s No. %(number)s") % {
            "date": timezone.localdate(self.decided_at).strftime("%d.%m.%Y"),
            "number": self.protocol_number,
        }

    @transition(
        field=state,
        source=AppealState.FILED,
        target=AppealState.PANEL,
        permission=permissions.can_run_appeal,
    )
    def seat_panel(self, *, by) -> None:
        """The secretary seats the panel (the service checks who may sit)."""

    @transition(
        field=state,
        source=AppealState.PANEL,
        target=AppealState.UPHELD,
        permission=permissions.can_run_appeal,
    )
    def uphold(self, *, by, number: int, reasons: str) -> None:
        self._decided(number, reasons)

    @transition(
        field=state,
        source=AppealState.PANEL,
        target=AppealState.REJECTED,
        permission=permissions.can_run_appeal,
    )
    def reject(self, *, by, number: int, reasons: str) -> None:
        self._decided(number, reasons)

    def _decided(self, number: int, reasons: str) -> None:
        self.protocol_number = number
        self.reasons = reasons
        self.decided_at = timezone.now()


class AppealVoteChoice(models.TextChoices):
    UPHOLD = "uphold", _("uphold the appeal")
    REJECT = "reject", _("reject the appeal")


class AppealVote(models.Model):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member"),
    )
    choice = models.CharField(_("vote"), max_length=10, choices=AppealVoteChoice.choices)
    comment = models.TextField(_("comment"), blank=True)
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)

    class Meta:
        verbose_name = _("appeal vote")
        verbose_name_plural = _("appeal votes")
        constraints = [
            models.UniqueConstraint(fields=["appeal", "member"], name="appeal_vote_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"


def appeal_upload_to(instance: "AppealFile", filename: str) -> str:
    return f"appeals/{instance.appeal_id}/{uuid.uuid4().hex}"


class AppealFile(models.Model):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=appeal_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("appeal file")
        verbose_name_plural = _("appeal files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class AppealLog(StageLog):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="log")
    source = models.CharField(_("from"), max_length=20, choices=AppealState.choices)
    target = models.CharField(_("to"), max_length=20, choices=AppealState.choices)

    class Meta(StageLog.Meta):
        verbose_name = _("appeal status change")
        verbose_name_plural = _("appeal status changes")
