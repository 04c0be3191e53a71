"""The act of the check of the state of production (GOST 8.16, Annex Ж).

The checklist of the act's 20 sections is reference data, kept in versions: an act keeps the
version it was drawn up with, so editing the checklist never changes an act already written.
Per item the commission records a result, a comment and evidence; a nonconformity gets a
severity and, unless it was fixed on the spot, a deadline (GOST 8.16)."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from .check import ProductionCheck
from .files import CheckedFile


def _english() -> bool:
    return (get_language() or "ru").startswith("en")


class ChecklistVersion(models.Model):
    """One edition of the checklist of Annex Ж. A version used by an act is frozen; the admin
    copies it into a new version instead."""

    number = models.PositiveSmallIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    effective_date = models.DateField(_("effective from"))
    is_current = models.BooleanField(
        _("in use"), default=False, help_text=_("New acts are drawn up with this version.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("checklist version of the production-check act")
        verbose_name_plural = _("checklist versions of the production-check act")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="checklist_one_current_version",
                violation_error_message=_(
                    "Another checklist version is in use: new acts take one version only."
                ),
            )
        ]

    def __str__(self) -> str:
        return _("Version %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    @property
    def is_used(self) -> bool:
        return self.acts.exists()


class ChecklistSection(models.Model):
    """A numbered section of Annex Ж (1–20) with its title as the form prints it."""

    version = models.ForeignKey(ChecklistVersion, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("No."))
    title_ru = models.CharField(_("title (Russian)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)

    class Meta:
        verbose_name = _("section of the act")
        verbose_name_plural = _("sections of the act")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="checklist_section_once"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=20),
                name="checklist_section_number_1_20",
                violation_error_message=_("Annex Ж has sections 1 to 20."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if _english() else self.title_ru


class ChecklistItem(models.Model):
    """One point of a section of Annex Ж that the commission checks."""

    section = models.ForeignKey(ChecklistSection, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    text_ru = models.TextField(_("text (Russian)"))
    text_en = models.TextField(_("text (English)"))
    # The clause of the standard the item checks (GOST 7.1–7.5); empty for Annex Ж's own points.
    clause = models.CharField(_("clause of the standard"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("item of the act")
        verbose_name_plural = _("items of the act")
        ordering = ["section", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "order"], name="checklist_item_once")
        ]

    def __str__(self) -> str:
        return self.text[:100]

    @property
    def text(self) -> str:
        return self.text_en if _english() else self.text_ru


class ActState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for signatures")
    SIGNED = "signed", _("Signed by the commission")
    APPROVED = "approved", _("Approved by the head")
    SENT = "sent", _("Sent to the applicant")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the enterprise")


class ProductionCheckAct(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    """The act of Annex Ж: one per production check, drawn up by its expert-auditor, signed by
    every member of the commission, approved by the head («УТВЕРЖДАЮ»), sent to the applicant,
    whose head acknowledges receipt (GOST 8.16)."""

    production_check = models.OneToOneField(
        ProductionCheck,
        on_delete=models.PROTECT,
        related_name="act",
        verbose_name=_("production check"),
    )
    checklist = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.PROTECT,
        related_name="acts",
        verbose_name=_("checklist version"),
    )
    state = FSMField(_("status"), default=ActState.DRAFT, choices=ActState.choices, protected=True)
    # Given when the head approves it (a gap-free counter): the protocol, the decision letter and
    # the certificate's public record name the act a decision rests on by number and date.
    number = models.PositiveIntegerField(_("act No."), null=True, blank=True, unique=True)
    # Above the title: the authorized organization (a snapshot of its details).
    body_name = models.CharField(_("authorized organization"), max_length=500)
    body_legal_address = models.TextField(_("legal address of the authorized organization"))
    # « ____ » _____ 20__ г.
    date = models.DateField(_("date of the act"))
    enterprise_name = models.CharField(_("name of the enterprise"), max_length=500)
    legal_address = models.TextField(_("legal address"))
    production_address = models.TextField(_("production address"))
    phone = models.CharField(_("phone"), max_length=100)
    enterprise_head = models.CharField(_("head of the enterprise"), max_length=300)
    commission = models.TextField(_("composition of the commission"))
    representatives = models.TextField(
        _("representatives of the enterprise responsible for the check")
    )
    purpose = models.TextField(_("purpose of the check"))
    basis = models.TextField(_("basis for the check"))
    period_start = models.DateField(_("check starts on"), null=True, blank=True)
    period_end = models.DateField(_("check ends on"), null=True, blank=True)
    # «Исходные данные»
    declared_products = models.TextField(
        _("products declared for the right to mark with the «Halal» sign"), blank=True
    )
    product_documentation = models.TextField(
        _("documentation under which the products are made"), blank=True
    )
    serial_certificates = models.TextField(
        _("serial certificates of conformity for the products"), blank=True
    )
    safety_management_system = models.TextField(
        _("safety management system of the enterprise (ISO, HACCP etc.)"), blank=True
    )
    complaints = models.TextField(
        _("complaints about the products declared for certification, and other data"), blank=True
    )
    # «Выводы»: GOST 8.16 — on the enterprise's ability to produce «Halal» products steadily.
    conclusions = models.TextField(_("conclusions"), blank=True)
    # GOST 8.16: a required, explicit choice (rules.act_missing), not free text only.
    stable_production = models.BooleanField(
        _("the enterprise is able to produce «Halal» products steadily"), null=True, blank=True
    )
    # «Акт составлен в 2(3)-х экземплярах»: the third copy goes to the certification body.
    copy_to_certification_body = models.BooleanField(
        _("a copy goes to the certification body"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drawn up by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Head fields are autosaved like a section: the revision refuses a stale overwrite.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed by the commission"), null=True, blank=True)
    # «УТВЕРЖДАЮ»
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # «С актом ознакомился и один экземпляр получил: Руководитель предприятия»
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    class Meta:
        verbose_name = _("production-check act")
        verbose_name_plural = _("production-check acts")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="act_period_in_order",
                violation_error_message=_("The check cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return _("Production-check act of %(number)s") % {
            "number": self.production_check.application.number
        }

    def get_absolute_url(self) -> str:
        return reverse("audits:act-detail", kwargs={"check_pk": self.production_check_id})

    @property
    def is_editable(self) -> bool:
        return self.state == ActState.DRAFT

    @property
    def copies(self) -> int:
        return 3 if self.copy_to_certification_body else 2

    @property
    def reference(self) -> str:
        """«акт № N от ДД.ММ.ГГГГ», once approved."""
        if not self.number:
            return ""
        return _("production-check act No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d.%m.%Y"),
        }

    # --- transitions: they only move the state and stamp fields (services do the rest) ---

    @transition(field=state, source=ActState.DRAFT, target=ActState.SUBMITTED)
    def submit(self, *, by, at) -> None:
        self.submitted_by = by
        self.submitted_at = at

    @transition(field=state, source=ActState.SUBMITTED, target=ActState.SIGNED)
    def complete_signatures(self, *, by, at) -> None:
        """The last member of the commission has signed (GOST 8.16)."""
        self.signed_at = at

    @transition(field=state, source=ActState.SUBMITTED, target=ActState.DRAFT)
    def return_to_draft(self, *, by, at) -> None:
        """A member of the commission sends it back; the reason goes to the log."""
        self.submitted_by = None
        self.submitted_at = None

    @transition(field=state, source=ActState.SIGNED, target=ActState.APPROVED)
    def approve(self, *, by, at) -> None:
        self.approved_by = by
        self.approved_at = at

    @transition(field=state, source=ActState.APPROVED, target=ActState.SENT)
    def send(self, *, by, at) -> None:
        self.sent_by = by
        self.sent_at = at

    @transition(field=state, source=ActState.SENT, target=ActState.ACKNOWLEDGED)
    def acknowledge(self, *, by, at) -> None:
        self.acknowledged_by = by
        self.acknowledged_at = at


class ActSignature(models.Model):
    """«Члены комиссии»: one member's signature under the submitted act."""

    act = models.ForeignKey(ProductionCheckAct, on_delete=models.CASCADE, related_name="signatures")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member of the commission"),
    )
    signed_at = models.DateTimeField(_("signed"))

    class Meta:
        verbose_name = _("signature under the act")
        verbose_name_plural = _("signatures under the act")
        ordering = ["signed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["act", "member"], name="act_signature_once")]

    def __str__(self) -> str:
        return f"{self.member.get_short_name()}, {self.signed_at:%d.%m.%Y}"


class ActTransition(models.Model):
    """Every state change of the act: who, when, from, to and why."""

    act = models.ForeignKey(
        ProductionCheckAct, on_delete=models.CASCADE, related_name="transitions"
    )
    transition = models.CharField(_("action"), max_length=30)
    source = models.CharField(_("from"), max_length=20, choices=ActState.choices)
    target = models.CharField(_("to"), max_length=20, choices=ActState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("status change of the act")
        verbose_name_plural = _("status changes of the act")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.act_id}: {self.source} → {self.target}"


class ItemStatus(models.TextChoices):
    NOT_CHECKED = "not_checked", _("not checked")
    CONFORMS = "conforms", _("conforms")
    NONCONFORMITY = "nonconformity", _("nonconformity")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class ItemResult(models.Model):
    """What the commission found on one item of the checklist."""

    act = models.ForeignKey(ProductionCheckAct, on_delete=models.CASCADE, related_name="results")
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("item")
    )
    result = models.CharField(
        _("result"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_CHECKED
    )
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    # Each save adds one: an edit made on an older revision is refused, never silently lost.
    revision = models.PositiveIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("result of an item")
        verbose_name_plural = _("results of the items")
        ordering = ["item__section__number", "item__order"]
        constraints = [models.UniqueConstraint(fields=["act", "item"], name="act_item_result_once")]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_result_display()}"


def act_evidence_upload_to(instance: "ActEvidence", filename: str) -> str:
    # Random names: what the uploader called the file is never a path on our disk.
    return f"act-evidence/{instance.result.act.production_check_id}/{uuid.uuid4().hex}"


class ActEvidence(CheckedFile):
    """A photo or a document the commission attaches to an item of the act."""

    result = models.ForeignKey(ItemResult, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=act_evidence_upload_to, max_length=300)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence of the act")
        verbose_name_plural = _("evidence of the act")
        ordering = ["uploaded_at", "pk"]

    def get_absolute_url(self) -> str:
        return reverse(
            "audits:act-evidence",
            kwargs={"check_pk": self.result.act.production_check_id, "evidence_file_pk": self.pk},
        )
