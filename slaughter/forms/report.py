"""The compliance report's choice: which slaughterhouse and which period."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from halal_portal.forms import DateInput

# The report reads at most this long a period (the act reads a year; a few years for trends).
MAX_PERIOD_DAYS = 5 * 366
DEFAULT_PERIOD_DAYS = 365


class ReportForm(forms.Form):
    slaughterhouse = forms.ModelChoiceField(
        label=_("Slaughterhouse"), queryset=None, required=False, empty_label=None
    )
    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("To"), widget=DateInput(), required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slaughterhouse"].queryset = organization.slaughterhouses.all()

    def clean(self):
        data = super().clean()
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - datetime.timedelta(days=DEFAULT_PERIOD_DAYS)
        if start > end:
            raise forms.ValidationError(_("The period starts after it ends."))
        if (end - start).days > MAX_PERIOD_DAYS:
            raise forms.ValidationError(_("Choose a period of at most five years."))
        data["start"], data["end"] = start, end
        data["slaughterhouse"] = (
            data.get("slaughterhouse") or self.fields["slaughterhouse"].queryset.first()
        )
        return data
