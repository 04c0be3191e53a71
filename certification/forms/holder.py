"""Forms of the certificate holder and of those who answer them: HTML input validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CertificateStatus, NormativeDocument, ProductCategory
from ..providers import validate_product_name


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
        validators=[validate_product_name],  # GOST 7.2 (labelling's rule)
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
