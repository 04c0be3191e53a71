"""The body's tariff and invoices per stage of the work (GOST 8.19)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .application import Application


class Stage(models.TextChoices):
    """Stages of the work that the tariff prices."""

    DOCUMENT_REVIEW = "document_review", _("document review")
    PRODUCTION_CHECK = "production_check", _("production check")
    CERTIFICATE = "certificate", _("certificate registration and issue")
    ANNEX = "annex", _("certificate annex")


class Tariff(models.Model):
    """The price of one stage; the latest active row of a stage applies."""

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    currency = models.CharField(_("currency"), max_length=3, default="RUB")
    valid_from = models.DateField(_("applies from"), default=timezone.localdate)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("tariff")
        verbose_name_plural = _("tariff")
        ordering = ["stage", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.amount} {self.currency}"


class InvoiceState(models.TextChoices):
    ISSUED = "issued", _("Awaiting payment")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class Invoice(models.Model):
    """GOST 8.19: the applicant pays for the work whatever its outcome."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("application"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    state = models.CharField(
        _("status"), max_length=10, choices=InvoiceState.choices, default=InvoiceState.ISSUED
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    marked_paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked paid by"),
    )

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_at"]
        constraints = [
            # One invoice per stage; an annex request gets its own application-level invoice.
            models.UniqueConstraint(
                fields=["application", "stage"],
                condition=~models.Q(stage="annex") & ~models.Q(state="cancelled"),
                name="invoice_one_per_stage",
                violation_error_message=_("This stage of the application is already invoiced."),
            )
        ]

    def __str__(self) -> str:
        return _("Invoice %(number)s") % {"number": self.number}
