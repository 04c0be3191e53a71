"""The production-check act (GOST 8.16, Annex Ж): its header, sections, nonconformities and
evidence. Input validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from halal_portal.forms import DateInput

from ..models import ItemStatus, Severity


def _text(label, *, rows=2, required=False):
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), required=required
    )


class ActHeaderForm(forms.Form):
    """The header of Annex Ж, its initial data, the conclusions and the copies."""

    date = forms.DateField(label=_("Date of the act"), widget=DateInput())
    enterprise_name = forms.CharField(label=_("Name of the enterprise"), max_length=500)
    legal_address = _text(_("Legal address"), required=True)
    production_address = _text(_("Production address"), required=True)
    phone = forms.CharField(label=_("Phone"), max_length=100)
    enterprise_head = forms.CharField(label=_("Head"), max_length=300)
    commission = _text(_("Composition of the commission"), rows=3, required=True)
    representatives = _text(
        _("Representatives of the enterprise responsible for the check"), required=True
    )
    purpose = _text(_("Purpose of the check"), required=True)
    basis = _text(_("Basis for the check"), required=True)
    period_start = forms.DateField(label=_("The check starts on"), widget=DateInput())
    period_end = forms.DateField(label=_("and ends on"), widget=DateInput())
    declared_products = _text(_("Products declared for the right to mark with the «Halal» sign"))
    product_documentation = _text(_("Documentation under which the products are made"))
    serial_certificates = _text(_("Serial certificates of conformity for the products"))
    safety_management_system = _text(
        _("Safety management system of the enterprise (ISO, HACCP etc.)")
    )
    complaints = _text(_("Complaints about the products declared for certification, and other"))
    conclusions = _text(_("Conclusions"), rows=5)
    stable_production = forms.NullBooleanField(
        label=_("The enterprise is able to produce «Halal» products steadily"),
        widget=forms.RadioSelect(
            choices=[("unknown", _("not decided yet")), ("true", _("yes")), ("false", _("no"))]
        ),
        required=False,
    )
    copy_to_certification_body = forms.BooleanField(
        label=_("A third copy goes to the certification body"), required=False
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The check cannot end before it starts."))
        return data


# The items of a section sit in their own cards, each with its nonconformity and evidence
# forms; their inputs belong to the one section form through the HTML ``form`` attribute.
SECTION_FORM_ID = "section-form"


class SectionForm(forms.Form):
    """One section of the act: per item a result, a comment and the revision it was read at."""

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        self.results = list(results)
        for result in self.results:
            pk = result.item_id
            self.fields[f"result-{pk}"] = forms.ChoiceField(
                label=_("Result"),
                choices=ItemStatus.choices,
                initial=result.result,
                widget=forms.RadioSelect(attrs={"form": SECTION_FORM_ID}),
            )
            self.fields[f"comment-{pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                initial=result.comment,
                widget=forms.Textarea(attrs={"rows": 2, "form": SECTION_FORM_ID}),
            )
            self.fields[f"revision-{pk}"] = forms.IntegerField(
                initial=result.revision, widget=forms.HiddenInput(attrs={"form": SECTION_FORM_ID})
            )

    def entries(self) -> list[dict]:
        return [
            {
                "item": result.item_id,
                "result": self.cleaned_data[f"result-{result.item_id}"],
                "comment": self.cleaned_data[f"comment-{result.item_id}"],
                "revision": self.cleaned_data[f"revision-{result.item_id}"],
            }
            for result in self.results
        ]

    def rows(self):
        """(result, result field, comment field, revision field) per item, for the template."""
        for result in self.results:
            pk = result.item_id
            yield (
                result,
                self[f"result-{pk}"],
                self[f"comment-{pk}"],
                self[f"revision-{pk}"],
            )


class NonconformityForm(forms.Form):
    """GOST 8.16: a nonconformity with its severity and, unless corrected during the check,
    a deadline."""

    description = forms.CharField(
        label=_("Nonconformity"), widget=forms.Textarea(attrs={"rows": 2})
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=[])
    fixed_on_spot = forms.BooleanField(label=_("Corrected during the check"), required=False)
    deadline = forms.DateField(
        label=_("To be corrected by"),
        widget=DateInput(),
        required=False,
        help_text=_("Required unless the nonconformity was corrected during the check."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = Severity.choices
        self.fields["severity"].initial = Severity.MAJOR


class ActEvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        help_text=_("JPEG, PNG, TIFF or PDF; checked by its content."),
    )
    description = forms.CharField(label=_("What it shows"), max_length=300, required=False)


class ActReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the act goes back to the draft"), widget=forms.Textarea(attrs={"rows": 2})
    )
