import hashlib
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from accounts.models import Organization

from .. import permissions, providers, rules
from .reference import DocumentType, NormativeDocument, ProductCategory


class AppState(models.TextChoices):
    """The whole certification workflow (GOST 8.7–8.18). This is the single list of states;
    the commission and audit stages add transitions between them."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for completion")
    DOCUMENT_REVIEW = "document_review", _("Document review")
    PRODUCTION_CHECK = "production_check", _("Production check")
    SUSPENDED = "suspended", _("Suspended")
    DECISION = "decision", _("Awaiting decision")
    CERTIFIED = "certified", _("Certified")
    REFUSED = "refused", _("Refused")
    TERMINATED = "terminated", _("Terminated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The applicant may edit the application and its dossier only in these states.
EDITABLE_STATES = (AppState.DRAFT, AppState.RETURNED)
# An application in any other state is still under way (a renewal, or corrections to make).
FINISHED_STATES = (AppState.REFUSED, AppState.TERMINATED, AppState.WITHDRAWN)


def application_number() -> str:
    return timezone.now().strftime("З-%Y-") + uuid.uuid4().hex[:6].upper()


class Application(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    """The application of Annex Г (GOST 8.7) with its dossier (8.8) and declaration (8.9)."""

    number = models.CharField(
        _("number"), max_length=20, unique=True, default=application_number, editable=False
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("organization"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    state = FSMField(_("status"), default=AppState.DRAFT, choices=AppState.choices, protected=True)
    state_changed_at = models.DateTimeField(_("status since"), default=timezone.now)

    # Annex Г part 1: the applicant's details as they stood when the application was made.
    org_name = models.CharField(_("organization name"), max_length=500)
    legal_address = models.TextField(_("legal address"))
    country = models.CharField(_("country"), max_length=100)
    bank_details = models.TextField(_("bank details"))
    tax_id = models.CharField(_("УНП / БИН / ИНН"), max_length=20)
    phone = models.CharField(_("phone"), max_length=50)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    head_name = models.CharField(_("head of the applicant (surname, initials)"), max_length=200)
    chief_accountant_name = models.CharField(
        _("chief accountant (surname, initials)"), max_length=200, blank=True
    )
    # «соответствует требованиям …»: the normative document (ГОСТ) the products comply with.
    standard = models.ForeignKey(
        NormativeDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("complies with the normative document"),
    )
    # Annex Г part 2.
    undertakings_accepted = models.BooleanField(_("undertakings accepted"), default=False)
    # Annex Г part 3.
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)

    # Filled by the commission stage; declared here so access rules are complete from the start.
    commission_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_applications",
        verbose_name=_("commission members"),
    )

    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)
    # GOST 8.16: while the work is suspended, by when the nonconformities must be corrected.
    suspension_deadline = models.DateField(_("corrective actions due"), null=True, blank=True)
    recheck_required = models.BooleanField(_("on-site re-check required"), default=False)
    # Renewal: the application that continues an expiring certificate.
    renews = models.ForeignKey(
        "certification.Certificate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renews the certificate"),
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "state_changed_at"])]

    def __str__(self) -> str:
        return _("Application %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("certification:application-detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    # --- transitions: they only move the state and stamp fields (services do the rest) ---

    @transition(
        field=state,
        source=AppState.DRAFT,
        target=AppState.SUBMITTED,
        conditions=[rules.is_complete],
        permission=permissions.can_submit,
    )
    def submit(self, *, by) -> None:
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=[AppState.SUBMITTED, AppState.DOCUMENT_REVIEW],
        target=AppState.RETURNED,
        permission=permissions.can_register,
    )
    def return_for_completion(self, *, by) -> None:
        """GOST 8.10: the dossier is incomplete; the applicant completes and resubmits it."""

    @transition(
        field=state,
        source=AppState.SUBMITTED,
        target=AppState.DOCUMENT_REVIEW,
        conditions=[rules.has_commission],
        permission=permissions.can_register,
    )
    def register(self, *, by) -> None:
        """GOST 8.10: the secretary registers the application and forms its commission."""
        self.registered_at = timezone.now()

    # --- decisions of the commission: fired only when a meeting closes (services.meetings) ---

    @transition(
        field=state,
        source=AppState.DOCUMENT_REVIEW,
        target=AppState.PRODUCTION_CHECK,
        permission=permissions.can_register,
    )
    def proceed_to_check(self, *, by) -> None:
        """GOST 8.13: the documents are in order; the production is checked next."""

    @transition(
        field=state,
        source=[
            AppState.DOCUMENT_REVIEW,
            AppState.PRODUCTION_CHECK,
            AppState.DECISION,
            AppState.SUSPENDED,
        ],
        target=AppState.REFUSED,
        permission=permissions.can_register,
    )
    def refuse(self, *, by) -> None:
        """GOST 8.12: the products do not meet the requirements."""

    @transition(
        field=state,
        source=[AppState.PRODUCTION_CHECK, AppState.DECISION],
        target=AppState.SUSPENDED,
        permission=permissions.can_register,
    )
    def suspend(self, *, by, deadline) -> None:
        """GOST 8.16: the work stops until the nonconformities are corrected."""
        self.suspension_deadline = deadline

    @transition(
        field=state,
        source=AppState.SUSPENDED,
        target=AppState.PRODUCTION_CHECK,
        permission=permissions.can_register,
    )
    def resume(self, *, by, recheck_required: bool = False) -> None:
        """GOST 8.16: the corrective actions are accepted; the work goes on."""
        self.suspension_deadline = None
        self.recheck_required = recheck_required

    @transition(
        field=state,
        source=AppState.SUSPENDED,
        target=AppState.TERMINATED,
        conditions=[rules.suspension_deadline_passed],
        permission=permissions.can_register,
    )
    def terminate(self, *, by) -> None:
        """GOST 8.16: the nonconformities were not corrected in time."""

    @transition(
        field=state,
        source=[AppState.PRODUCTION_CHECK, AppState.DECISION],
        target=AppState.CERTIFIED,
        permission=permissions.can_register,
    )
    def certify(self, *, by) -> None:
        """GOST 8.17: the commission decides to issue the certificate."""

    @transition(
        field=state,
        source=AppState.RETURNED,
        target=AppState.SUBMITTED,
        conditions=[rules.is_complete],
        permission=permissions.can_submit,
    )
    def resubmit(self, *, by) -> None:
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=[AppState.DRAFT, AppState.RETURNED],
        target=AppState.WITHDRAWN,
        permission=permissions.can_edit,
    )
    def withdraw(self, *, by) -> None:
        """The applicant abandons an application that the body has not taken up."""


class ApplicationProduct(models.Model):
    """A product of the application: name, category, normative document, batch data
    or «серийное производство» (Annex Г, Л.4.4)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(
        _("product name"),
        max_length=500,
        validators=[providers.validate_product_name],  # GOST 7.2 (labelling's rule)
    )
    category = models.ForeignKey(
        ProductCategory, on_delete=models.PROTECT, verbose_name=_("category")
    )
    normative_document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, verbose_name=_("made to (normative document)")
    )
    serial_production = models.BooleanField(_("serial production"), default=True)
    batch_number = models.CharField(_("batch number"), max_length=100, blank=True)
    batch_date = models.DateField(_("batch date"), null=True, blank=True)
    batch_size = models.CharField(_("batch size"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["order", "pk"]
        constraints = [
            # Л.4.4: either serial production or the batch is identified.
            models.CheckConstraint(
                condition=models.Q(serial_production=True) | ~models.Q(batch_number=""),
                name="product_serial_or_batch",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def batch_text(self) -> str:
        """Л.4.4: «серийное производство» or the batch number, date and size."""
        if self.serial_production:
            return str(_("serial production"))
        parts = [str(_("batch No. %(number)s") % {"number": self.batch_number})]
        if self.batch_date:
            parts.append(self.batch_date.strftime("%d.%m.%Y"))
        if self.batch_size:
            parts.append(self.batch_size)
        return ", ".join(parts)


def dossier_upload_to(instance: "DossierFile", filename: str) -> str:
    # Random names: what the applicant called the file is never a path on our disk.
    return f"dossier/{instance.application_id}/{uuid.uuid4().hex}"


class DossierFile(models.Model):
    """One uploaded file of the dossier (GOST 8.8). Replacing a file keeps the old version."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, verbose_name=_("document type")
    )
    file = models.FileField(_("file"), upload_to=dossier_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("previous version"),
    )
    # Set when a newer version replaces this file or the applicant removes it.
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        ordering = ["document_type__order", "uploaded_at"]
        indexes = [models.Index(fields=["application", "superseded_at"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    @property
    def extension(self) -> str:
        return PurePath(self.original_name).suffix.lower()


class Declaration(models.Model):
    """The applicant's declaration (GOST 8.9), signed by the head. One declaration covers the
    products made to one normative document (a group declaration)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="declarations"
    )
    normative_document = models.ForeignKey(
        NormativeDocument,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("normative document"),
    )
    products_text = models.TextField(_("products covered"))
    # Which products were signed for: a change to them voids the signature.
    products_digest = models.CharField(max_length=64)
    signatory_name = models.CharField(_("signatory (head)"), max_length=200)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "normative_document"], name="declaration_one_per_nd"
            )
        ]

    def __str__(self) -> str:
        return _("Declaration for %(nd)s") % {"nd": self.normative_document.designation}

    @staticmethod
    def digest(products) -> str:
        key = "\n".join(f"{p.pk}:{p.name}:{p.category_id}" for p in sorted(products, key=str))
        return hashlib.sha256(key.encode()).hexdigest()


class TransitionLog(models.Model):
    """Every state change: who, when, from, to and why. Shown to the applicant as a timeline."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions"
    )
    transition = models.CharField(_("action"), max_length=50)
    source = models.CharField(_("from"), max_length=30, choices=AppState.choices)
    target = models.CharField(_("to"), max_length=30, choices=AppState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.source} → {self.target}"
