"""The sampling act (GOST 8.15, Annex Е), its samples and laboratory reports: input validation
only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from certification.models import ApplicationProduct
from halal_portal.forms import DateInput

from .check import UserChoiceField


class SamplingActForm(forms.Form):
    """Every field of the act of Annex Е above and below its table."""

    date = forms.DateField(label=_("Date of the act"), widget=DateInput())
    certification_body = forms.CharField(label=_("Accredited certification body"), max_length=500)
    products_location = forms.CharField(
        label=_("Location of the products"), widget=forms.Textarea(attrs={"rows": 2})
    )
    applicant_name = forms.CharField(label=_("Applicant"), max_length=500)
    auditor = UserChoiceField(
        label=_("Expert-auditor who takes the samples"), queryset=User.objects.none()
    )
    representative_name = forms.CharField(
        label=_("In the presence of the applicant's representative (surname, initials)"),
        max_length=200,
    )
    product = forms.ModelChoiceField(
        label=_("Product of the application"),
        queryset=ApplicationProduct.objects.none(),
        required=False,
    )
    product_name = forms.CharField(label=_("Samples of the product"), max_length=500)
    manufacturer = forms.CharField(label=_("Made (supplied) by"), max_length=500)
    control_documents = forms.CharField(
        label=_("For the control of conformity with (normative documents)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sampling_documents = forms.CharField(
        label=_("Samples taken in accordance with (normative documents)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    external_inspection = forms.CharField(
        label=_("Results of the external inspection"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    identification = forms.CharField(
        label=_("Information on the identification of the products"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    packaging = forms.CharField(
        label=_("Packaging"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    storage_conditions = forms.CharField(
        label=_("Storage conditions and place"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    typical_representatives = forms.BooleanField(
        label=_("Typical representatives of the products are tested (GOST 8.15)"),
        required=False,
    )
    typical_justification = forms.CharField(
        label=_("Justification of the choice of typical representatives"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    applicant_proposals = forms.CharField(
        label=_("Proposals of the applicant on the typical representatives"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditor"].queryset = User.objects.filter(
            production_checks=check, role_auditor=True, is_active=True
        )
        self.fields["product"].queryset = check.application.products.all()

    def clean(self):
        data = super().clean()
        if data.get("typical_representatives") and not data.get("typical_justification"):
            self.add_error(
                "typical_justification",
                _("Justify the choice of typical representatives (GOST 8.15)."),
            )
        return data


class SampleForm(forms.Form):
    """A row of the table of Annex Е with the identification features of GOST 8.15."""

    name = forms.CharField(label=_("Name of the sample"), max_length=500)
    manufacturer = forms.CharField(label=_("Manufacturer: name and location"), max_length=500)
    seller = forms.CharField(label=_("Seller: name and location"), max_length=500, required=False)
    barcode = forms.CharField(
        label=_("Barcode (if any)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    unit = forms.CharField(
        label=_("Unit of measure"), max_length=30, help_text=_("For example: kg, pcs, packs.")
    )
    lot_size = forms.DecimalField(label=_("Lot size"), max_digits=14, decimal_places=3, min_value=0)
    quantity = forms.DecimalField(
        label=_("Quantity taken"), max_digits=12, decimal_places=3, min_value=0
    )
    production_date = forms.DateField(label=_("Date of manufacture"), widget=DateInput())
    shelf_life = forms.CharField(
        label=_("Shelf life (storage life)"), max_length=200, required=False
    )
    normative_document = forms.CharField(
        label=_("Normative document for the product"), max_length=300, required=False
    )
    nominal_quantity = forms.CharField(
        label=_("Nominal quantity in a consumer package"), max_length=100, required=False
    )
    package_type = forms.CharField(
        label=_("Kind of package or container"), max_length=200, required=False
    )
    mass_volume = forms.CharField(label=_("Mass (volume)"), max_length=100, required=False)
    other_features = forms.CharField(
        label=_("Other information from the shipping documents or the package"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class DeliveryForm(forms.Form):
    laboratory = forms.CharField(label=_("Accredited testing laboratory"), max_length=500)
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput())


class LabReportForm(forms.Form):
    number = forms.CharField(label=_("Report number"), max_length=100)
    issued_on = forms.DateField(label=_("Report date"), widget=DateInput())
    laboratory = forms.CharField(label=_("Testing laboratory"), max_length=500)
    passed = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("conforms")), ("0", _("does not conform"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when the sample does not conform."),
    )
    file = forms.FileField(
        label=_("Report file"), help_text=_("PDF, JPEG, PNG or TIFF; checked by its content.")
    )
