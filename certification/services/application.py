"""Writes of the application workflow: one transaction each, audit trail included."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from accounts.notifications import notify
from halal_portal import workflow
from halal_portal.errors import StateConflict
from halal_portal.rendering import document_request
from halal_portal.uploads import check_upload

from .. import rules
from ..models import (
    EDITABLE_STATES,
    Application,
    ApplicationProduct,
    AppState,
    Declaration,
    DocumentType,
    DossierFile,
    InDateRule,
)

ORGANIZATION_SNAPSHOT = {
    # Application field: Organization field (Annex Г part 1 and 3).
    "org_name": "full_name",
    "legal_address": "legal_address",
    "country": "country",
    "bank_details": "bank_details",
    "tax_id": "tax_id",
    "phone": "phone",
    "fax": "fax",
    "head_name": "head_name",
    "chief_accountant_name": "chief_accountant_name",
    "contact_person": "contact_person",
    "contact_phone": "contact_phone",
}


def _ensure_editable(application: Application, by) -> None:
    """Refuse edits unless the application is a draft or returned. The row is locked and its
    state read afresh, so an edit can never slip in beside a concurrent submit."""
    state = (
        Application.objects.select_for_update()
        .values_list("state", flat=True)
        .get(pk=application.pk)
    )
    if not application.organization.membership_set.filter(user=by).exists():
        raise PermissionDenied
    if state not in EDITABLE_STATES:
        raise StateConflict(
            _("The application is %(state)s and cannot be changed.")
            % {"state": AppState(state).label.lower()}
        )


@transaction.atomic
def application_create(*, organization: Organization, by) -> Application:
    """A new draft prefilled from the organization's current details (Annex Г part 1)."""
    if not organization.membership_set.filter(user=by).exists():
        raise PermissionDenied
    application = Application(organization=organization, created_by=by)
    for field, source in ORGANIZATION_SNAPSHOT.items():
        setattr(application, field, getattr(organization, source))
    application.save()
    workflow.record(application, "create", by=by)
    return application


@transaction.atomic
def application_update(*, application: Application, by, data: dict) -> Application:
    _ensure_editable(application, by)
    for field, value in data.items():
        setattr(application, field, value)
    application.full_clean(exclude=["organization", "created_by", "state"])
    # Only the fields edited: a stale copy must never write back an old state.
    application.save(update_fields=[*data.keys(), "updated_at"])
    return application


@transaction.atomic
def product_save(
    *, application: Application, by, data: dict, product: ApplicationProduct | None = None
) -> ApplicationProduct:
    _ensure_editable(application, by)
    product = product or ApplicationProduct(application=application)
    for field, value in data.items():
        setattr(product, field, value)
    if product.serial_production:
        product.batch_number, product.batch_date, product.batch_size = "", None, ""
    elif not product.batch_number:
        # Л.4.4: a product is either serially produced or identified by its batch.
        raise ValidationError(
            {"batch_number": _("Give the batch number or tick «serial production».")}
        )
    if product.pk is None:
        product.order = application.products.count()
    product.full_clean(exclude=["application"])
    product.save()
    return product


@transaction.atomic
def product_delete(*, product: ApplicationProduct, by) -> None:
    _ensure_editable(product.application, by)
    product.delete()


@transaction.atomic
def dossier_file_add(
    *,
    application: Application,
    document_type: DocumentType,
    upload,
    by,
    replaces: DossierFile | None = None,
    document_date: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> DossierFile:
    """Store one dossier file (GOST 8.8) with the document's own date and, for a document that
    ends, its validity end. The content is checked first; a refused file leaves nothing behind,
    and a file written to storage is removed if the transaction rolls back."""
    _ensure_editable(application, by)
    if document_type.signed_online:
        raise ValidationError(
            _("«%(document)s» is signed in the portal, not uploaded.")
            % {"document": document_type},
            code="signed_online",
        )
    version = 1
    if replaces is not None:
        replaces = DossierFile.objects.select_for_update().get(pk=replaces.pk)
        if replaces.application_id != application.pk or not replaces.is_current:
            raise ValidationError(_("Only a current file of this application can be replaced."))
        document_type = replaces.document_type
        version = replaces.version + 1
    _check_document_dates(document_type, document_date, valid_until)
    checked = check_upload(upload)
    dossier_file = DossierFile(
        application=application,
        document_type=document_type,
        original_name=checked.display_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
        version=version,
        previous=replaces,
        document_date=document_date,
        valid_until=valid_until,
    )
    upload.seek(0)
    dossier_file.file.save(checked.display_name, upload, save=False)
    stored_name = dossier_file.file.name
    storage = dossier_file.file.storage
    # If a write below fails the rows roll back; take the stored bytes with them.
    try:
        if replaces is not None:
            replaces.superseded_at = timezone.now()
            replaces.save(update_fields=["superseded_at"])
        dossier_file.save()
    except Exception:
        storage.delete(stored_name)
        raise
    return dossier_file


def _check_document_dates(document_type: DocumentType, document_date, valid_until) -> None:
    """GOST 8.8: the dates the type's rule needs are given and make sense; whether the document
    is still in date is decided on submission (rules.out_of_date_documents)."""
    errors = {}
    rule = document_type.in_date_rule
    if document_date is None and rule in (InDateRule.CURRENT_YEAR, InDateRule.LAST_12_MONTHS):
        errors["document_date"] = _("Give the date of «%(document)s».") % {
            "document": document_type
        }
    elif document_date is not None and document_date > timezone.localdate():
        errors["document_date"] = _("The document cannot be dated in the future.")
    if valid_until is None and rule == InDateRule.VALID_ON_SUBMISSION:
        errors["valid_until"] = _("Give the date «%(document)s» is valid until.") % {
            "document": document_type
        }
    elif valid_until and document_date and valid_until < document_date:
        errors["valid_until"] = _("A document cannot end before its own date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def dossier_file_remove(*, dossier_file: DossierFile, by) -> None:
    """Take a file out of the dossier. It is kept, as an earlier version, for the record."""
    _ensure_editable(dossier_file.application, by)
    dossier_file.superseded_at = timezone.now()
    dossier_file.save(update_fields=["superseded_at"])


@transaction.atomic
def declaration_sign(*, application: Application, normative_document, by) -> Declaration:
    """GOST 8.9: the head signs the declaration for the products of one normative document.
    «подписанной руководителем организации»: the member who heads the organization, not any
    member; the declaration carries the signer's name and position."""
    _ensure_editable(application, by)
    head = application.organization.membership_set.filter(user=by, is_head=True).first()
    if head is None:
        raise PermissionDenied(
            _(
                "Only the head of the organization signs the declaration (GOST 8.9). Ask the "
                "head to sign it in the portal."
            )
        )
    group = rules.declaration_groups(application.products.select_related("normative_document"))
    products = group.get(normative_document)
    if not products:
        raise ValidationError(_("No product of this application is made to that document."))
    declaration, _created = Declaration.objects.update_or_create(
        application=application,
        normative_document=normative_document,
        defaults={
            "products_text": "; ".join(p.name for p in products),
            "products_digest": Declaration.digest(products),
            "signatory_name": by.get_short_name(),
            "signatory_position": application.organization.head_position or by.position,
            "signed_by": by,
            "signed_at": timezone.now(),
        },
    )
    return declaration


def _submit_refusal(application: Application) -> list[str]:
    missing = rules.missing_requirements(application) if application.is_editable else []
    if missing:
        return [_("The application cannot be submitted yet. Missing:"), *map(str, missing)]
    return [_("This application cannot be submitted in its current status.")]


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    """GOST 8.7: the applicant files the application; a returned one is resubmitted."""
    application.refresh_from_db(fields=["state"])
    name = "resubmit" if application.state == AppState.RETURNED else "submit"
    workflow.fire(application, name, by=by, refusal=_submit_refusal)
    # The remarks of the finished round are answered by this resubmission.
    application.remarks.filter(closed_at__isnull=True).update(closed_at=timezone.now())
    # Annex Г as filed; a resubmission renders the same document with the completed data.
    document_request("application", application, refresh=True)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by, comment: str = "") -> Application:
    return workflow.fire(
        application,
        "withdraw",
        by=by,
        comment=comment,
        refusal=_("This application cannot be withdrawn in its current status."),
    )


@transaction.atomic
def application_await_decision(*, application: Application, by, comment: str = "") -> Application:
    """GOST 8.16–8.17: the production-check act is approved; the application goes to the
    commission, whose secretaries are told."""
    application = workflow.fire(
        application,
        "await_decision",
        by=by,
        comment=comment,
        refusal=_("The application is not in the production check."),
    )
    notify(
        User.objects.filter(role_secretary=True, is_active=True),
        key=f"awaiting-decision:{application.pk}:{application.state_changed_at:%Y%m%d%H%M%S%f}",
        subject=lambda: (
            _("Application %(number)s awaits the commission's decision")
            % {"number": application.number}
        ),
        body=lambda: (
            _("The production-check act is approved: %(act)s. Put the decision on the agenda.")
            % {"act": comment or "—"}
        ),
        url=application.get_absolute_url(),
    )
    return application
