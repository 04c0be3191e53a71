"""The production check and its program (GOST 8.13–8.14, Annex Д).

``ProductionCheck`` is the check itself: the program of Annex Д (purpose, basis, dates, team,
normative documents, stages) is its set of fields, approved by the head before the check starts.
The sampling acts (Annex Е) and, later, the production-check act (Annex Ж) hang off it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from .. import permissions, rules
from ..reference import STAGE_TITLES


class CheckArea(models.Model):
    """One of the 19 areas of GOST 8.14 that stage 1 of the program covers (reference data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("area of the production check")
        verbose_name_plural = _("areas of the production check")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "ru").startswith("en") else self.name_ru


class CheckStatus(models.TextChoices):
    DRAFT = "draft", _("Program being prepared")
    APPROVED = "approved", _("Program approved")
    IN_PROGRESS = "in_progress", _("Check under way")


class ProductionCheck(FSMModelMixin, models.Model):
    """A production check of an application's enterprise under its program (GOST 8.13–8.16).

    Those who take part in it may not vote on the application's decision (independence of
    review and decision, ISO/IEC 17065 7.5): ``participants`` mirrors the program's team."""

    application = models.ForeignKey(
        "certification.Application",
        on_delete=models.PROTECT,
        related_name="production_checks",
        verbose_name=_("application"),
    )
    status = FSMField(
        _("status"), default=CheckStatus.DRAFT, choices=CheckStatus.choices, protected=True
    )
    # Annex Д, parts 1–3 and 5.
    purpose = models.TextField(_("purpose of the check"), blank=True)
    basis = models.TextField(_("basis for the check"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    normative_documents = models.ManyToManyField(
        "certification.NormativeDocument",
        blank=True,
        related_name="+",
        verbose_name=_("normative documents with the requirements for «Halal» products"),
    )
    other_documents = models.TextField(_("other normative documents"), blank=True)
    # Annex Д, part 4: kept equal to the team (CheckTeamMember) by the services.
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="production_checks",
        verbose_name=_("participants"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # «УТВЕРЖДАЮ»: the head of the authorized organization (GOST 8.13).
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)

    class Meta:
        verbose_name = _("production check")
        verbose_name_plural = _("production checks")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="check_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return _("Production check of %(number)s") % {"number": self.application.number}

    def get_absolute_url(self) -> str:
        return reverse("audits:check-detail", kwargs={"check_pk": self.pk})

    @property
    def is_program_editable(self) -> bool:
        return self.status == CheckStatus.DRAFT

    @property
    def is_under_way(self) -> bool:
        return self.status == CheckStatus.IN_PROGRESS

    # --- transitions: they only move the state and stamp fields (services do the rest) ---

    @transition(
        field=status,
        source=CheckStatus.DRAFT,
        target=CheckStatus.APPROVED,
        conditions=[rules.program_is_complete],
        permission=permissions.can_approve_program,
    )
    def approve(self, *, by, at) -> None:
        """GOST 8.13: the head approves the program («УТВЕРЖДАЮ»)."""
        self.approved_by = by
        self.approved_at = at

    @transition(
        field=status,
        source=CheckStatus.APPROVED,
        target=CheckStatus.IN_PROGRESS,
        conditions=[rules.application_is_in_check, rules.team_powers_are_valid],
        permission=permissions.can_start_check,
    )
    def start(self, *, by, at) -> None:
        """The check starts under the approved program."""
        self.started_by = by
        self.started_at = at


class CheckTeamMember(models.Model):
    """Annex Д, part 4: a member of the commission that checks the production, with the position
    printed in the program. Expert-auditors among them work under a power of attorney (2.19)."""

    production_check = models.ForeignKey(
        ProductionCheck, on_delete=models.CASCADE, related_name="team"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="check_memberships",
        verbose_name=_("member"),
    )
    position = models.CharField(_("position"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("member of the check commission")
        verbose_name_plural = _("check commission")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["production_check", "user"], name="check_team_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.get_short_name()}, {self.position}"


class CheckStage(models.Model):
    """One row of the program table of Annex Д, part 6: a stage and who does it."""

    production_check = models.ForeignKey(
        ProductionCheck, on_delete=models.CASCADE, related_name="stages"
    )
    number = models.PositiveSmallIntegerField(_("No."))
    # Stages 3 and 4 are done «при необходимости».
    needed = models.BooleanField(_("needed"), default=True)
    executors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("executors")
    )
    # Stage 1: the areas of GOST 8.14 as they stood when the program was drawn up.
    areas = models.ManyToManyField(
        CheckArea, blank=True, related_name="+", verbose_name=_("areas of GOST 8.14")
    )

    class Meta:
        verbose_name = _("stage of the check")
        verbose_name_plural = _("stages of the check")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["production_check", "number"], name="check_stage_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return str(STAGE_TITLES.get(self.number, ""))
