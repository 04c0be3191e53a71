"""Writes of identification and sampling (GOST 8.15, Annex Е): the act, its samples, the two
signatures, the delivery of the samples to the laboratory and the laboratory's reports."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuthorizedBody, User
from accounts.notifications import notify
from halal_portal.rendering import document_request
from halal_portal.uploads import check_upload

from .. import permissions, rules
from ..models import (
    ActStatus,
    CheckStatus,
    LabReport,
    ProductionCheck,
    Sample,
    SampleStatus,
    SamplingAct,
)

ACT_FIELDS = (
    "date",
    "certification_body",
    "products_location",
    "applicant_name",
    "auditor",
    "representative_name",
    "product",
    "product_name",
    "manufacturer",
    "control_documents",
    "sampling_documents",
    "external_inspection",
    "identification",
    "packaging",
    "storage_conditions",
    "typical_representatives",
    "typical_justification",
    "applicant_proposals",
)
REQUIRED_ACT_FIELDS = (
    "date",
    "certification_body",
    "products_location",
    "applicant_name",
    "auditor",
    "representative_name",
    "product_name",
    "manufacturer",
    "control_documents",
    "sampling_documents",
)
SAMPLE_FIELDS = (
    "name",
    "manufacturer",
    "seller",
    "barcode",
    "unit",
    "lot_size",
    "quantity",
    "production_date",
    "shelf_life",
    "normative_document",
    "nominal_quantity",
    "package_type",
    "mass_volume",
    "other_features",
)
REQUIRED_SAMPLE_FIELDS = ("name", "manufacturer", "unit", "lot_size", "quantity", "production_date")


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def act_initial(check: ProductionCheck, by: User) -> dict[str, Any]:
    """What the act's header takes from the body, the application and the program."""
    application = check.application
    products = list(application.products.select_related("normative_document"))
    initial: dict[str, Any] = {
        "date": timezone.localdate(),
        "certification_body": AuthorizedBody.get().name,
        "applicant_name": application.org_name,
        "auditor": by if permissions.is_team_auditor(check, by) else None,
        "manufacturer": application.org_name,
        "products_location": application.legal_address,
    }
    if len(products) == 1:
        initial["product"] = products[0]
        initial["product_name"] = products[0].name
        initial["control_documents"] = products[0].normative_document.designation
    return initial


def _check_under_way(check: ProductionCheck) -> ProductionCheck:
    check = ProductionCheck.objects.select_for_update().get(pk=check.pk)
    if check.status != CheckStatus.IN_PROGRESS:
        raise ValidationError(
            _(
                "Samples are taken during the check: it starts once the head has approved the "
                "program (GOST 8.13, 8.15)."
            ),
            code="not_started",
        )
    return check


def _validate_act(act: SamplingAct, check: ProductionCheck) -> None:
    errors: dict[str, list[str]] = {}
    for field in REQUIRED_ACT_FIELDS:
        if getattr(act, field if field != "auditor" else "auditor_id") in (None, ""):
            label = SamplingAct._meta.get_field(field).verbose_name
            errors.setdefault(field, []).append(
                _("Fill in «%(field)s» (Annex Е).") % {"field": label}
            )
    if act.date:
        if act.date > timezone.localdate():
            errors.setdefault("date", []).append(_("The act cannot be dated in the future."))
        elif not (
            check.start_date and check.end_date and check.start_date <= act.date <= check.end_date
        ):
            errors.setdefault("date", []).append(
                _("Samples are taken within the dates of the check (%(start)s–%(end)s).")
                % {
                    "start": check.start_date.strftime("%d.%m.%Y") if check.start_date else "—",
                    "end": check.end_date.strftime("%d.%m.%Y") if check.end_date else "—",
                }
            )
    if act.auditor_id:
        if not permissions.is_team_auditor(check, act.auditor):
            errors.setdefault("auditor", []).append(
                _("Samples are taken by an expert-auditor of the check's commission (GOST 8.15).")
            )
        elif act.date:
            problem = rules.power_of_attorney_problem(act.auditor, act.date, act.date)
            if problem:
                errors.setdefault("auditor", []).append(problem)
    if act.product_id and act.product.application_id != check.application_id:
        errors.setdefault("product", []).append(_("Choose a product of this application."))
    if act.typical_representatives and not act.typical_justification:
        errors.setdefault("typical_justification", []).append(
            _("Justify the choice of typical representatives (GOST 8.15).")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sampling_act_create(
    *, check: ProductionCheck, by: User, data: Mapping[str, Any]
) -> SamplingAct:
    """GOST 8.15: the expert-auditor draws up the act of Annex Е in the applicant's presence."""
    if not permissions.can_draw_up_sampling(check, by):
        raise PermissionDenied
    check = _check_under_way(check)
    act = SamplingAct(production_check=check)
    for field in ACT_FIELDS:
        if field in data:
            setattr(act, field, _clean(data[field]))
    _validate_act(act, check)
    act.save()
    return act


def _editable_act(act: SamplingAct, by: User) -> SamplingAct:
    if not permissions.can_draw_up_sampling(act.production_check, by):
        raise PermissionDenied
    act = SamplingAct.objects.select_for_update().select_related("production_check").get(pk=act.pk)
    if act.status != ActStatus.DRAFT:
        raise ValidationError(_("The act is signed and can no longer be changed."), code="signed")
    return act


@transaction.atomic
def sampling_act_update(*, act: SamplingAct, by: User, data: Mapping[str, Any]) -> SamplingAct:
    act = _editable_act(act, by)
    for field in ACT_FIELDS:
        if field in data:
            setattr(act, field, _clean(data[field]))
    _validate_act(act, act.production_check)
    act.save()
    return act


def _validate_sample(sample: Sample, act: SamplingAct) -> None:
    errors: dict[str, list[str]] = {}
    for field in REQUIRED_SAMPLE_FIELDS:
        if getattr(sample, field) in (None, ""):
            label = Sample._meta.get_field(field).verbose_name
            errors.setdefault(field, []).append(
                _("Fill in «%(field)s» (Annex Е).") % {"field": label}
            )
    if sample.barcode and not rules.barcode_is_valid(sample.barcode):
        errors.setdefault("barcode", []).append(
            _("The barcode must be 8, 12, 13 or 14 digits with a valid check digit.")
        )
    if sample.lot_size is not None and sample.lot_size <= 0:
        errors.setdefault("lot_size", []).append(_("The lot size must be positive."))
    if sample.quantity is not None:
        if sample.quantity <= 0:
            errors.setdefault("quantity", []).append(_("The quantity taken must be positive."))
        elif sample.lot_size is not None and sample.quantity > sample.lot_size:
            errors.setdefault("quantity", []).append(_("More cannot be taken than the lot holds."))
    if sample.production_date and sample.production_date > act.date:
        errors.setdefault("production_date", []).append(
            _("The products cannot be made after the date of the act.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sample_save(
    *, act: SamplingAct, by: User, data: Mapping[str, Any], sample: Sample | None = None
) -> Sample:
    """One row of the table of Annex Е with the identification features of GOST 8.15."""
    act = _editable_act(act, by)
    if sample is None:
        sample = Sample(act=act, order=act.samples.count() + 1)
    elif sample.act_id != act.pk:
        raise PermissionDenied
    for field in SAMPLE_FIELDS:
        if field in data:
            setattr(sample, field, _clean(data[field]))
    if sample.barcode:
        sample.barcode = sample.barcode.replace(" ", "")
    _validate_sample(sample, act)
    sample.save()
    return sample


@transaction.atomic
def sample_delete(*, sample: Sample, by: User) -> None:
    act = _editable_act(sample.act, by)
    if sample.act_id != act.pk:
        raise PermissionDenied
    sample.delete()


@transaction.atomic
def sampling_act_sign_auditor(*, act: SamplingAct, by: User) -> SamplingAct:
    """The expert-auditor who took the samples signs first; the act is frozen from then on."""
    act = _editable_act(act, by)
    if by.pk != act.auditor_id:
        raise PermissionDenied
    missing = rules.sampling_act_missing(act)
    problem = rules.power_of_attorney_problem(act.auditor, act.date, act.date)
    if problem:
        missing.append(problem)
    if missing:
        raise ValidationError(missing, code="incomplete")
    act.sign_as_auditor(at=timezone.now())
    act.save()
    application = act.production_check.application
    notify(
        application.organization.members.all(),
        key=f"sampling-act-signed:{act.pk}",
        subject=lambda: (
            _("Application %(number)s: sign the sampling act") % {"number": application.number}
        ),
        body=lambda: (
            _("The expert-auditor has signed the act of sampling of %(date)s.")
            % {"date": act.date.strftime("%d.%m.%Y")}
        ),
        url=act.get_absolute_url(),
    )
    return act


@transaction.atomic
def sampling_act_sign_applicant(*, act: SamplingAct, by: User) -> SamplingAct:
    """The applicant's representative signs after the auditor (GOST 8.15: in their presence)."""
    if not permissions.is_applicant(act.production_check, by):
        raise PermissionDenied
    act = SamplingAct.objects.select_for_update().get(pk=act.pk)
    if act.status == ActStatus.DRAFT:
        raise ValidationError(_("The expert-auditor signs the act first."), code="auditor_first")
    if act.status == ActStatus.SIGNED:
        raise ValidationError(_("The act is already signed."), code="signed")
    act.sign_as_applicant(by=by, at=timezone.now())
    act.save()
    # Annex Е as both parties signed it: snapshotted now, rendered after commit.
    document_request("sampling_act", act)
    return act


@transaction.atomic
def sample_deliver(
    *, sample: Sample, by: User, laboratory: str, delivered_on: datetime.date
) -> Sample:
    """GOST 8.15: the applicant delivers the samples to an accredited testing laboratory."""
    check = sample.act.production_check
    if not permissions.can_record_delivery(check, by):
        raise PermissionDenied
    sample = Sample.objects.select_for_update().select_related("act").get(pk=sample.pk)
    if not sample.act.is_signed:
        raise ValidationError(
            _("Samples are delivered after both parties have signed the act."), code="unsigned"
        )
    if sample.status != SampleStatus.TAKEN:
        raise ValidationError(_("The delivery of this sample is already recorded."))
    laboratory = (laboratory or "").strip()
    errors = {}
    if not laboratory:
        errors["laboratory"] = _("Name the testing laboratory.")
    if delivered_on is None:
        errors["delivered_on"] = _("Give the date of the delivery.")
    elif delivered_on > timezone.localdate():
        errors["delivered_on"] = _("The delivery date is in the future.")
    elif delivered_on < sample.act.date:
        errors["delivered_on"] = _("Samples are delivered after they are taken.")
    if errors:
        raise ValidationError(errors)
    sample.deliver(by=by, at=timezone.now(), laboratory=laboratory, delivered_on=delivered_on)
    sample.save()
    return sample


@transaction.atomic
def lab_report_add(
    *,
    sample: Sample,
    by: User,
    number: str,
    issued_on: datetime.date,
    laboratory: str,
    passed: bool,
    comment: str,
    upload: UploadedFile,
) -> LabReport:
    """A laboratory's test report on a delivered sample, with the verdict. The file is checked
    by its content and stored under a random name."""
    check = sample.act.production_check
    if not permissions.can_add_lab_report(check, by):
        raise PermissionDenied
    sample = Sample.objects.select_for_update().select_related("act").get(pk=sample.pk)
    if sample.status == SampleStatus.TAKEN:
        raise ValidationError(
            _("Record the delivery of the sample to the laboratory first."), code="not_delivered"
        )
    number, laboratory, comment = (
        (number or "").strip(),
        (laboratory or sample.laboratory or "").strip(),
        (comment or "").strip(),
    )
    errors: dict[str, Any] = {}
    if not number:
        errors["number"] = _("Give the number of the report.")
    if issued_on is None:
        errors["issued_on"] = _("Give the date of the report.")
    elif issued_on > timezone.localdate():
        errors["issued_on"] = _("The report date is in the future.")
    elif sample.delivered_on and issued_on < sample.delivered_on:
        errors["issued_on"] = _("The report cannot predate the delivery of the sample.")
    if not laboratory:
        errors["laboratory"] = _("Name the testing laboratory.")
    if passed is None:
        errors["passed"] = _("Say whether the sample conforms.")
    elif not passed and not comment:
        errors["comment"] = _("Say what does not conform.")
    if upload is None:
        errors["file"] = _("Attach the report.")
    if errors:
        raise ValidationError(errors)
    try:
        info = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    report = LabReport(
        sample=sample,
        number=number,
        issued_on=issued_on,
        laboratory=laboratory,
        passed=bool(passed),
        comment=comment,
        original_name=info.display_name,
        content_type=info.content_type,
        size=info.size,
        sha256=info.sha256,
        uploaded_by=by,
    )
    upload.seek(0)
    # lab_report_upload_to gives a random name; the uploader's name is for display only.
    report.file.save(info.display_name, upload, save=False)
    stored = (report.file.storage, report.file.name)
    try:
        report.save()
        sample.record_test()
        sample.save()
    except Exception:
        stored[0].delete(stored[1])
        raise
    application = check.application
    notify(
        [*application.organization.members.all(), *check.participants.all()],
        key=f"lab-report:{report.pk}",
        subject=lambda: (
            _("Application %(number)s: a laboratory report on «%(sample)s»")
            % {"number": application.number, "sample": sample.name}
        ),
        body=lambda: (
            (
                _("Report No. %(report)s: the sample conforms.")
                if report.passed
                else _("Report No. %(report)s: the sample does not conform.")
            )
            % {"report": report.number}
        ),
        url=sample.act.get_absolute_url(),
    )
    return report
