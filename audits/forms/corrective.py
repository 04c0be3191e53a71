"""Corrective actions while the work is suspended (GOST 8.16) and their verification: input
validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from halal_portal.forms import DateInput, MultipleFileField


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
