"""HTML input validation only; the rules live in services and rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from halal_portal.forms import DateInput

from ..models import Application, ApplicationProduct, AppState, DocumentType, NormativeDocument


class ApplicationOrganizationForm(forms.ModelForm):
    """Annex Г parts 1–3 as they will be printed on the application."""

    class Meta:
        model = Application
        fields = [
            "org_name",
            "legal_address",
            "country",
            "bank_details",
            "tax_id",
            "phone",
            "fax",
            "head_name",
            "chief_accountant_name",
            "contact_person",
            "contact_phone",
            "undertakings_accepted",
        ]
        widgets = {
            "legal_address": forms.Textarea(attrs={"rows": 2}),
            "bank_details": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"undertakings_accepted": _("The organization accepts the undertakings above")}


class ApplicationStandardForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["standard"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = NormativeDocument.objects.filter(is_active=True)
        self.fields["standard"].required = True


class ProductForm(forms.ModelForm):
    class Meta:
        model = ApplicationProduct
        fields = [
            "name",
            "category",
            "normative_document",
            "serial_production",
            "batch_number",
            "batch_date",
            "batch_size",
        ]
        widgets = {"batch_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["normative_document"].queryset = NormativeDocument.objects.filter(
            is_active=True
        )


class UploadForm(forms.Form):
    """Which document the files are for; the files themselves are checked one by one by the
    service, so that one bad file does not turn away the good ones."""

    document_type = forms.ModelChoiceField(
        label=_("Document"), queryset=DocumentType.objects.filter(signed_online=False)
    )
    replaces = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DeclarationSignForm(forms.Form):
    normative_document = forms.ModelChoiceField(queryset=NormativeDocument.objects.all())
    confirm = forms.BooleanField(
        label=_("I, the head of the organization, give these guarantees"), required=True
    )


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + [c for c in AppState.choices if c[0] != AppState.DRAFT],
    )
    q = forms.CharField(label=_("Number, organization or tax id"), required=False)
