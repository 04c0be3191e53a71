"""Identification and sampling of products (GOST 8.15, Annex Е) and the laboratory's reports."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from halal_portal.models import TransitionLogBase

from .. import permissions, rules
from .check import ProductionCheck
from .files import CheckedFile


class ActStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED_BY_AUDITOR = "signed_by_auditor", _("Signed by the expert-auditor")
    SIGNED = "signed", _("Signed by both parties")


class SamplingAct(FSMModelMixin, models.Model):
    """The act of sampling of Annex Е, drawn up by the expert-auditor in the applicant's
    presence (GOST 8.15). Signed first by the auditor, then by the applicant's representative;
    nothing changes after the auditor has signed."""

    production_check = models.ForeignKey(
        ProductionCheck,
        on_delete=models.PROTECT,
        related_name="sampling_acts",
        verbose_name=_("production check"),
    )
    state = FSMField(
        _("status"), default=ActStatus.DRAFT, choices=ActStatus.choices, protected=True
    )
    # «от …»
    date = models.DateField(_("date of the act"))
    # «Аккредитованный орган по сертификации …»: a snapshot of the body's name.
    certification_body = models.CharField(_("accredited certification body"), max_length=500)
    # «на …»
    products_location = models.TextField(_("location of the products"))
    # «у …»: a snapshot of the applicant's name.
    applicant_name = models.CharField(_("applicant"), max_length=500)
    # «мною …»
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("expert-auditor"),
    )
    # «в присутствии …»
    representative_name = models.CharField(
        _("applicant's representative (surname, initials)"), max_length=200
    )
    # «отобраны образцы …»
    product = models.ForeignKey(
        "certification.ApplicationProduct",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product of the application"),
    )
    product_name = models.CharField(_("product"), max_length=500)
    # «изготовленной (поставленной) …»
    manufacturer = models.CharField(_("manufacturer (seller)"), max_length=500)
    # «для контроля на соответствие требованиям …»
    control_documents = models.TextField(_("normative documents for the control"))
    # «Отбор образцов произведен в соответствии с требованиями …»
    sampling_documents = models.TextField(_("normative documents for the sampling"))
    # Below the table.
    external_inspection = models.TextField(_("results of the external inspection"), blank=True)
    identification = models.TextField(_("information on the identification"), blank=True)
    packaging = models.TextField(_("packaging"), blank=True)
    storage_conditions = models.TextField(_("storage conditions and place"), blank=True)
    # GOST 8.15: typical representatives, chosen by the auditor with the applicant's proposals.
    typical_representatives = models.BooleanField(
        _("typical representatives of the products are tested"), default=False
    )
    typical_justification = models.TextField(
        _("justification of the choice of typical representatives"), blank=True
    )
    applicant_proposals = models.TextField(_("proposals of the applicant"), blank=True)
    # The signatures: who and when.
    auditor_signed_at = models.DateTimeField(
        _("signed by the expert-auditor"), null=True, blank=True
    )
    applicant_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed for the applicant by"),
    )
    applicant_signed_at = models.DateTimeField(_("signed by the applicant"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("sampling act")
        verbose_name_plural = _("sampling acts")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return _("Sampling act of %(date)s") % {"date": self.date.strftime("%d.%m.%Y")}

    def get_absolute_url(self) -> str:
        return reverse(
            "audits:sampling-detail",
            kwargs={"check_pk": self.production_check_id, "act_pk": self.pk},
        )

    @property
    def is_editable(self) -> bool:
        return self.state == ActStatus.DRAFT

    @property
    def is_signed(self) -> bool:
        return self.state == ActStatus.SIGNED

    # --- transitions: they only move the state and stamp fields; halal_portal.workflow.fire
    # asks the permission, saves and logs (services do the rest) ---

    @transition(
        field=state,
        source=ActStatus.DRAFT,
        target=ActStatus.SIGNED_BY_AUDITOR,
        conditions=[rules.sampling_act_is_ready],
        permission=permissions.can_sign_sampling_as_auditor,
    )
    def sign_as_auditor(self, *, by, at) -> None:
        """The expert-auditor who took the samples signs first; nothing changes afterwards."""
        self.auditor_signed_at = at

    @transition(
        field=state,
        source=ActStatus.SIGNED_BY_AUDITOR,
        target=ActStatus.SIGNED,
        permission=permissions.can_sign_sampling_for_applicant,
    )
    def sign_as_applicant(self, *, by, at) -> None:
        """The applicant's representative signs after the auditor (GOST 8.15)."""
        self.applicant_signed_by = by
        self.applicant_signed_at = at


class SampleStatus(models.TextChoices):
    TAKEN = "taken", _("Taken")
    DELIVERED = "delivered", _("Delivered to the laboratory")
    TESTED = "tested", _("Tested")


class Sample(FSMModelMixin, models.Model):
    """One row of the table of Annex Е with the identification features of GOST 8.15."""

    act = models.ForeignKey(SamplingAct, on_delete=models.CASCADE, related_name="samples")
    order = models.PositiveSmallIntegerField(_("No."), default=0)
    # «Наименование образцов продукции, ее реквизиты (изготовитель, штриховой код и др.)»
    name = models.CharField(_("name of the sample"), max_length=500)
    manufacturer = models.CharField(_("manufacturer: name and location"), max_length=500)
    seller = models.CharField(_("seller: name and location"), max_length=500, blank=True)
    barcode = models.CharField(_("barcode"), max_length=14, blank=True)
    # «Единица измерения», «Размер партии», «Количество отобранных образцов»
    unit = models.CharField(_("unit of measure"), max_length=30)
    lot_size = models.DecimalField(_("lot size"), max_digits=14, decimal_places=3)
    quantity = models.DecimalField(_("quantity taken"), max_digits=12, decimal_places=3)
    # «Дата изготовления и другие идентификационные признаки» (GOST 8.15)
    production_date = models.DateField(_("date of manufacture"))
    shelf_life = models.CharField(_("shelf life (storage life)"), max_length=200, blank=True)
    normative_document = models.CharField(
        _("normative document for the product"), max_length=300, blank=True
    )
    nominal_quantity = models.CharField(
        _("nominal quantity in a consumer package"), max_length=100, blank=True
    )
    package_type = models.CharField(_("kind of package or container"), max_length=200, blank=True)
    mass_volume = models.CharField(_("mass (volume)"), max_length=100, blank=True)
    other_features = models.TextField(
        _("other information from the shipping documents or the package"), blank=True
    )
    # GOST 8.15: the applicant takes the samples to an accredited laboratory.
    state = FSMField(
        _("status"), default=SampleStatus.TAKEN, choices=SampleStatus.choices, protected=True
    )
    laboratory = models.CharField(_("testing laboratory"), max_length=500, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delivery recorded by"),
    )
    delivery_recorded_at = models.DateTimeField(_("delivery recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("sample")
        verbose_name_plural = _("samples")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0),
                name="sample_quantity_gt_0",
                violation_error_message=_("The quantity taken must be positive."),
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__lte=models.F("lot_size")),
                name="sample_quantity_within_lot",
                violation_error_message=_("More cannot be taken than the lot holds."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def passed(self) -> bool | None:
        """Passed when every report passed; None until a report is in."""
        results = [report.passed for report in self.lab_reports.all()]
        return all(results) if results else None

    @transition(
        field=state,
        source=SampleStatus.TAKEN,
        target=SampleStatus.DELIVERED,
        conditions=[rules.sample_act_is_signed],
        permission=permissions.can_deliver_sample,
    )
    def deliver(self, *, by, at, laboratory: str, delivered_on) -> None:
        """GOST 8.15: the applicant takes the sample to an accredited testing laboratory."""
        self.laboratory = laboratory
        self.delivered_on = delivered_on
        self.delivery_recorded_by = by
        self.delivery_recorded_at = at

    @transition(
        field=state,
        source=[SampleStatus.DELIVERED, SampleStatus.TESTED],
        target=SampleStatus.TESTED,
        permission=permissions.can_record_test,
    )
    def record_test(self, *, by, at) -> None:
        """A laboratory report is in (another one may follow)."""


class SamplingActTransition(TransitionLogBase):
    """Every state change of a sampling act: who, when, from, to and why."""

    act = models.ForeignKey(SamplingAct, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLogBase.Meta):
        verbose_name = _("status change of the sampling act")
        verbose_name_plural = _("status changes of the sampling act")


class SampleTransition(TransitionLogBase):
    """Every state change of a sample: who, when, from, to and why."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLogBase.Meta):
        verbose_name = _("status change of the sample")
        verbose_name_plural = _("status changes of the sample")


def lab_report_upload_to(instance: "LabReport", filename: str) -> str:
    # Random names: what the uploader called the file is never a path on our disk.
    return f"lab-reports/{instance.sample.act.production_check_id}/{uuid.uuid4().hex}"


class LabReport(CheckedFile):
    """A test report of an accredited laboratory on a sample, with its verdict (GOST 8.15)."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="lab_reports")
    number = models.CharField(_("report number"), max_length=100)
    issued_on = models.DateField(_("report date"))
    laboratory = models.CharField(_("testing laboratory"), max_length=500)
    passed = models.BooleanField(_("the sample conforms"))
    comment = models.TextField(_("comment"), blank=True)
    file = models.FileField(_("file"), upload_to=lab_report_upload_to, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("laboratory report")
        verbose_name_plural = _("laboratory reports")
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return _("Report No. %(number)s") % {"number": self.number}
