"""The slaughterhouse and its register of people (GOST 7.6.2–7.6.4, 2.17): slaughterers, stunning
operators and halal controllers, each with the documents that allow them to work."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audits.models.files import CheckedFile


class Slaughterhouse(models.Model):
    """A slaughterhouse of an enterprise: where its lines and rooms are and whose people are on
    its register."""

    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="slaughterhouses",
        verbose_name=_("enterprise"),
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("slaughterhouse")
        verbose_name_plural = _("slaughterhouses")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="slaughterhouse_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("slaughter:register", kwargs={"org_pk": self.organization_id})


class WorkerRole(models.TextChoices):
    SLAUGHTERER = "slaughterer", _("slaughterer")
    OPERATOR = "operator", _("stunning operator")
    CONTROLLER = "controller", _("halal controller")


class DocumentKind(models.TextChoices):
    # GOST 7.6.2: qualification; 7.6.3: training in an authorized organization; 7.6.4: a course.
    QUALIFICATION = "qualification", _("qualification or training document")
    # GOST 7.6.2, 7.6.4: issued by the organization authorized by the religious association.
    PERMIT = "permit", _("permit of the authorized organization")
    # GOST 7.6.2–7.6.4: mentally and physically healthy, confirmed by a medical certificate.
    MEDICAL = "medical", _("medical certificate")


class Worker(models.Model):
    """One person in one role on a slaughterhouse's register, from ``since`` until ``left_on``.
    A person with two roles is on the register twice."""

    slaughterhouse = models.ForeignKey(
        Slaughterhouse,
        on_delete=models.PROTECT,
        related_name="workers",
        verbose_name=_("slaughterhouse"),
    )
    role = models.CharField(_("role"), max_length=20, choices=WorkerRole.choices)
    full_name = models.CharField(_("surname, name, patronymic"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    # GOST 2.17: the halal controller signs the journals in the portal under their own account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slaughter_roles",
        verbose_name=_("portal account"),
    )
    since = models.DateField(_("on the register since"))
    left_on = models.DateField(_("left the register on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("person on the slaughterhouse's register")
        verbose_name_plural = _("slaughterhouse register")
        ordering = ["role", "full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="controller") | models.Q(user__isnull=False),
                name="slaughter_controller_has_account",
            ),
            models.UniqueConstraint(
                fields=["slaughterhouse", "role", "user"],
                condition=models.Q(user__isnull=False),
                name="slaughter_worker_once_per_role",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def on_register(self, day: datetime.date) -> bool:
        return self.since <= day and (self.left_on is None or day <= self.left_on)


def document_upload_to(instance, filename: str) -> str:
    return f"slaughter/register/{instance.worker.slaughterhouse_id}/{uuid.uuid4().hex}"


class WorkerDocument(CheckedFile):
    """A document that allows a person on the register to work, valid from ``issued_on`` to
    ``valid_to`` inclusive; a renewal is a new document, the old one stays as it was."""

    worker = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="documents", verbose_name=_("person")
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    issuer = models.CharField(_("issued by"), max_length=300)
    number = models.CharField(_("number"), max_length=100)
    issued_on = models.DateField(_("issued on"))
    valid_to = models.DateField(_("valid to"))
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Set when the enterprise and the body were told it expires within 30 days (one notice).
    expiry_notice_at = models.DateTimeField(_("expiry notice sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("register document")
        verbose_name_plural = _("register documents")
        ordering = ["kind", "-valid_to", "pk"]
        indexes = [models.Index(fields=["valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("issued_on")),
                name="slaughter_document_valid_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.number}"

    def valid_on(self, day: datetime.date) -> bool:
        return self.issued_on <= day <= self.valid_to

    def get_absolute_url(self) -> str:
        return reverse(
            "slaughter:document",
            kwargs={
                "org_pk": self.worker.slaughterhouse.organization_id,
                "register_document_pk": self.pk,
            },
        )
