"""Complaints about the body's own work (delay, conduct, fees) from its users (ISO/IEC 17065
7.13): answered in writing, closed by the head."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from .. import permissions
from .reports import StageLog, tracking_code


class ComplaintTopic(models.TextChoices):
    DELAY = "delay", _("Delay")
    CONDUCT = "conduct", _("Conduct of the staff or the commission")
    FEES = "fees", _("Fees")
    OTHER = "other", _("Something else")


class ComplaintState(models.TextChoices):
    SUBMITTED = "submitted", _("Received")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Complaint(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    code = models.CharField(
        _("number"), max_length=10, unique=True, default=tracking_code, editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("author"),
    )
    topic = models.CharField(_("about"), max_length=20, choices=ComplaintTopic.choices)
    text = models.TextField(_("complaint"))
    state = FSMField(
        _("status"),
        default=ComplaintState.SUBMITTED,
        choices=ComplaintState.choices,
        protected=True,
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    answer_due = models.DateField(_("answer by"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return _("Complaint %(code)s") % {"code": self.code}

    def get_absolute_url(self) -> str:
        return reverse("feedback:complaint-detail", kwargs={"pk": self.pk})

    @transition(
        field=state,
        source=ComplaintState.SUBMITTED,
        target=ComplaintState.ANSWERED,
        permission=permissions.can_answer_complaint,
    )
    def give_answer(self, *, by, text: str) -> None:
        self.answer = text
        self.answered_by = by
        self.answered_at = timezone.now()

    @transition(
        field=state,
        source=ComplaintState.ANSWERED,
        target=ComplaintState.CLOSED,
        permission=permissions.can_close_complaint,
    )
    def close(self, *, by) -> None:
        self.closed_at = timezone.now()


class ComplaintLog(StageLog):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="log")
    source = models.CharField(_("from"), max_length=20, choices=ComplaintState.choices)
    target = models.CharField(_("to"), max_length=20, choices=ComplaintState.choices)

    class Meta(StageLog.Meta):
        verbose_name = _("complaint status change")
        verbose_name_plural = _("complaint status changes")
