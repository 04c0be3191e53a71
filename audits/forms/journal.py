"""The enterprise's sanitation journal (GOST 7.1, Annex Б): input validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from halal_portal.forms import DateInput

from ..models import CleaningKind, TestKind, WashAgent


class SanitationEntryForm(forms.Form):
    """GOST 7.1: a journal entry; the purification fields of Annex Б apply after haram."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    equipment = forms.CharField(label=_("Equipment, utensils or container"), max_length=500)
    kind = forms.ChoiceField(
        label=_("Kind of cleaning"), choices=CleaningKind.choices, widget=forms.RadioSelect
    )
    performers = forms.CharField(
        label=_("Performers (surnames)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    agents = forms.CharField(
        label=_("Detergents and disinfectants"), max_length=500, required=False
    )
    test_kind = forms.ChoiceField(
        label=_("Confirmed by"), choices=TestKind.choices, widget=forms.RadioSelect
    )
    test_result = forms.CharField(label=_("Test result"), max_length=500)
    test_passed = forms.TypedChoiceField(
        label=_("The test is"),
        choices=[("1", _("passed")), ("0", _("failed"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    washes = forms.IntegerField(
        label=_("Number of washes"),
        min_value=0,
        max_value=99,
        required=False,
        help_text=_("Annex Б: seven, the first one removing the haram."),
    )
    wash_agent = forms.ChoiceField(
        label=_("One of the washes with"),
        choices=WashAgent.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    soil_clean = forms.BooleanField(
        label=_("The soil is free of impurities and oils and was not used before"),
        required=False,
    )
    water_natural = forms.BooleanField(label=_("Natural water was used"), required=False)
    water_free_of_haram = forms.BooleanField(label=_("The water is free of haram"), required=False)
    sign = forms.BooleanField(
        label=_("I am the halal controller and sign this entry"),
    )

    PURIFICATION_FIELDS = (
        "washes",
        "wash_agent",
        "soil_clean",
        "water_natural",
        "water_free_of_haram",
    )

    def purification_fields(self):
        return [self[name] for name in self.PURIFICATION_FIELDS]

    def main_fields(self):
        return [
            self[name]
            for name in self.fields
            if name not in self.PURIFICATION_FIELDS and name != "sign"
        ]
