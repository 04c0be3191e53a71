"""The answer to a deviation of the slaughter journal (GOST 8.16, 8.17)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from audits.models import Severity
from halal_portal.forms import DateInput

from ..models import Answer


class NonconformityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.description[:120]


class FindingAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=Answer.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Why it is accepted, or why the carcasses are declared haram."),
    )
    haram_count = forms.IntegerField(
        label=_("Carcasses declared haram"), min_value=1, max_value=1_000_000, required=False
    )
    nonconformity = NonconformityChoiceField(
        label=_("Nonconformity of the commission's decision"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to record a new one in section 9 of the draft act (the auditor)."),
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Severity.choices, initial=Severity.MAJOR, required=False
    )
    deadline = forms.DateField(label=_("To be corrected by"), widget=DateInput(), required=False)
    fixed_on_spot = forms.BooleanField(label=_("Corrected during the check"), required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nonconformity"].queryset = application.nonconformities.filter(
            closed_at__isnull=True
        )
