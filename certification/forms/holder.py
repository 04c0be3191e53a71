"""Forms of the certificate holder and of those who answer them: HTML input validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from labelling.rules import validate_product_name

from ..models import CertificateStatus, NormativeDocument, ProductCategory
from .application import DateInput


class CertificateFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *CertificateStatus.choices]
    )
    q = forms.CharField(label=_("Number, manufacturer or product"), required=False)


class AnnexProductForm(forms.Form):
    """A product to add to the certificate (GOST 8.18, Л.4.4)."""

    name = forms.CharField(
        label=_("Product name"),
        max_length=500,
        validators=[validate_product_name],  # GOST 7.2
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=ProductCategory.objects.all())
    normative_document = forms.ModelChoiceField(
        label=_("Normative document"), queryset=NormativeDocument.objects.filter(is_active=True)
    )
    serial_production = forms.BooleanField(
        label=_("Serial production"), required=False, initial=True
    )
    batch_text = forms.CharField(
        label=_("Batch: number, date, size"),
        max_length=300,
        required=False,
        help_text=_("Only if the product is not in serial production."),
    )

    def clean(self):
        data = super().clean()
        if data.get("serial_production"):
            data["batch_text"] = ""
        elif not (data.get("batch_text") or "").strip():
            # Л.4.4: serial production, or the batch is identified.
            self.add_error("batch_text", _("Describe the batch or tick «serial production»."))
        return data


AnnexProductFormSet = forms.formset_factory(
    AnnexProductForm, extra=2, min_num=1, validate_min=True, max_num=50, validate_max=True
)


class AnnexRequestForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the certification body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


ACCEPT = ".pdf,.jpg,.jpeg,.png,.tif,.tiff"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; their content is checked by the service, one by one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if data:
                return [single(item, initial) for item in data]
            data = None
        cleaned = single(data, initial)  # an empty field is refused here when it is required
        return [cleaned] if cleaned else []


class CorrectiveActionForm(forms.Form):
    """GOST 8.16: what caused the nonconformity, what was done and the proof."""

    cause = forms.CharField(label=_("Cause"), widget=forms.Textarea(attrs={"rows": 3}))
    action = forms.CharField(
        label=_("Corrective action taken"), widget=forms.Textarea(attrs={"rows": 4})
    )
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    files = MultipleFileField(
        label=_("Evidence"),
        help_text=_("PDF, JPEG, PNG or TIFF: photos, orders, records, test reports."),
    )


class VerifyForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("Result"),
        choices=[
            ("1", pgettext_lazy("corrective action", "accepted")),
            ("0", pgettext_lazy("corrective action", "not accepted")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the action is not accepted."),
    )
