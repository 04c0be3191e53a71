"""Invoices per stage from the body's tariff (GOST 8.19: the applicant pays whatever the outcome;
laboratory tests are paid to the laboratory under its own contract)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.notifications import notify
from halal_portal.formatting import number

from ..models import Application, Invoice, InvoiceState, Stage, Tariff
from .numbering import next_number


def tariff_for(stage: str) -> Tariff | None:
    return (
        Tariff.objects.filter(stage=stage, is_active=True, valid_from__lte=timezone.localdate())
        .order_by("-valid_from", "-pk")
        .first()
    )


def invoice_issue(*, application: Application, stage: str) -> Invoice | None:
    """Invoice a stage at its tariff, once; without a tariff for it the stage is free."""
    stage = Stage(stage)
    if (
        stage != Stage.ANNEX
        and application.invoices.filter(stage=stage).exclude(state=InvoiceState.CANCELLED).exists()
    ):
        return None
    tariff = tariff_for(stage)
    if tariff is None:
        return None
    year = timezone.localdate().year
    invoice = Invoice.objects.create(
        number=f"{year}-{next_number(f'invoice-{year}'):05d}",
        application=application,
        stage=stage,
        amount=tariff.amount,
        currency=tariff.currency,
    )
    with translation.override(settings.LANGUAGE_CODE):
        _notify_invoice(invoice)
    return invoice


def _notify_invoice(invoice: Invoice) -> None:
    application = invoice.application
    notify(
        application.organization.members.all(),
        key=f"invoice:{invoice.pk}",
        subject=lambda: (
            _("Invoice %(number)s for application %(application)s")
            % {"number": invoice.number, "application": application.number}
        ),
        body=lambda: (
            _("%(stage)s: %(amount)s %(currency)s.")
            % {
                "stage": invoice.get_stage_display().capitalize(),
                "amount": number(invoice.amount, 2),  # the reader's locale, as on the page
                "currency": invoice.currency,
            }
        ),
        url=application.get_absolute_url(),
    )


@transaction.atomic
def invoice_mark_paid(*, invoice: Invoice, by) -> Invoice:
    if not by.is_secretary:
        raise PermissionDenied
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.state != InvoiceState.ISSUED:
        raise ValidationError(_("Only an unpaid invoice can be marked paid."))
    invoice.state = InvoiceState.PAID
    invoice.paid_at = timezone.now()
    invoice.marked_paid_by = by
    invoice.save(update_fields=["state", "paid_at", "marked_paid_by"])
    return invoice
