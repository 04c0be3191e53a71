"""The commission's work: document review, meetings, votes and protocols (GOST 8.3, 8.10–8.17)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .application import Application, DocumentType


def act_reference(number: str, date) -> str:
    """«акт проверки состояния производства № N от ДД.ММ.ГГГГ» (GOST 8.16), or ""."""
    if not number or date is None:
        return ""
    return _("production-check act No. %(number)s of %(date)s") % {
        "number": number,
        "date": date.strftime("%d.%m.%Y"),
    }


class Counter(models.Model):
    """A gap-free sequence (certificate numbers, protocol numbers). The row is locked while a
    number is taken, so a rolled-back transaction gives its number back."""

    name = models.CharField(max_length=50, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"


class Remark(models.Model):
    """What the applicant must complete, per dossier document where it concerns one (GOST 8.10)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="remarks")
    document_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("document"),
    )
    text = models.TextField(_("remark"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    # Set when the applicant resubmits: the remark belongs to an earlier round.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("remark")
        verbose_name_plural = _("remarks")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Recommendation(models.TextChoices):
    """The two outcomes of the document review (GOST 8.11)."""

    PRODUCTION_CHECK = "production_check", _("recommend the production check")
    REFUSE = "refuse", _("refuse the certificate")


class Review(models.Model):
    """One assigned member's review of the dossier (GOST 8.10)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("commission member"),
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    text = models.TextField(_("findings"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "member"], name="review_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_recommendation_display()}"


class Conclusion(models.Model):
    """The commission's free-form conclusion on the documents (GOST 8.11)."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="conclusion"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Recommendation.choices)
    text = models.TextField(_("conclusion"))
    # GOST 8.12: a refusal states why the products do not meet the requirements.
    grounds = models.TextField(_("grounds for refusal"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("drawn up"), default=timezone.now)

    class Meta:
        verbose_name = _("document review conclusion")
        verbose_name_plural = _("document review conclusions")

    def __str__(self) -> str:
        return self.get_outcome_display()


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CLOSED = "closed", _("Closed")


class Meeting(models.Model):
    """A meeting of the commission. Closing it freezes the votes and numbers its protocol."""

    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    members_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="meetings_attended",
        verbose_name=_("members present"),
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("secretary"),
    )
    protocol_number = models.PositiveIntegerField(_("protocol No."), null=True, unique=True)
    protocol_date = models.DateField(_("protocol date"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        if self.protocol_number:
            return self.protocol_reference
        return _("Meeting of %(date)s") % {"date": self.date.strftime("%d.%m.%Y")}

    def get_absolute_url(self) -> str:
        return reverse("certification:meeting-detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.state == MeetingState.CLOSED

    @property
    def protocol_reference(self) -> str:
        """«протокол от ДД.ММ.ГГГГ № N» (Л.4.5)."""
        if not self.protocol_number:
            return ""
        return _("protocol of %(date)s No. %(number)s") % {
            "date": self.protocol_date.strftime("%d.%m.%Y"),
            "number": self.protocol_number,
        }


class Question(models.TextChoices):
    """What an agenda item asks the commission to decide."""

    PROCEED = "proceed", _("proceed to the production check")
    REFUSE = "refuse", _("refuse the certificate")
    SUSPEND = "suspend", _("suspend the work")
    RESUME = "resume", _("resume the work")
    TERMINATE = "terminate", _("terminate the work")
    ISSUE = "issue", _("issue the certificate")
    ISSUE_ANNEX = "issue_annex", _("issue an annex to the certificate")
    SUSPEND_CERTIFICATE = "suspend_certificate", _("suspend the certificate")
    RESUME_CERTIFICATE = "resume_certificate", _("resume the certificate")
    WITHDRAW_CERTIFICATE = "withdraw_certificate", _("withdraw the certificate")


class AgendaItem(models.Model):
    """One question about one application, voted on by the members present."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("No."), default=1)
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name=pgettext_lazy("case file", "application"),
    )
    question = models.CharField(_("question"), max_length=30, choices=Question.choices)
    grounds = models.TextField(_("grounds"), blank=True)
    # Suspension (GOST 8.16): by when the nonconformities must be corrected.
    deadline = models.DateField(_("deadline for corrective actions"), null=True, blank=True)
    # Resumption may require an on-site re-check (GOST 8.16).
    recheck_required = models.BooleanField(_("on-site re-check required"), default=False)
    # Issuing (GOST 8.6, 8.17): the validity the commission decides on.
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # Л.4.4: the certificate may name a product type, its products then listed in an annex.
    product_type = models.CharField(_("product type"), max_length=500, blank=True)
    annex_request = models.ForeignKey(
        "certification.AnnexRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("annex request"),
    )
    certificate = models.ForeignKey(
        "certification.Certificate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("certificate"),
    )
    # Filled when the meeting closes.
    adopted = models.BooleanField(_("adopted"), null=True)
    # The production-check act the decision rests on (GOST 8.16–8.18), named in the protocol and
    # the decision letter: a snapshot of its number and date (certification.evidence.Basis).
    act_number = models.CharField(_("production-check act No."), max_length=30, blank=True)
    act_date = models.DateField(_("production-check act date"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_against = models.PositiveSmallIntegerField(default=0)
    votes_abstained = models.PositiveSmallIntegerField(default=0)
    outcome_note = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.application.number}: {self.get_question_display()}"

    @property
    def act_reference(self) -> str:
        return act_reference(self.act_number, self.act_date)


class VoteChoice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class Vote(models.Model):
    """A member's vote on an agenda item: one per member per item, enforced by the database."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="votes",
        verbose_name=_("member"),
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    comment = models.TextField(_("comment"), blank=True)
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="vote_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"
