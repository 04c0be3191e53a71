from django import forms
from django.utils.translation import gettext_lazy as _

from halal_portal.forms import DateInput

from .models import Method, Species, Stunning


def _yes_no(label):
    return forms.TypedChoiceField(
        label=label,
        choices=[("1", _("yes")), ("0", _("no"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class SlaughterEntryForm(forms.Form):
    """GOST 7.6: one batch slaughtered on a line; the stunning fields apply to its method."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    line = forms.CharField(label=_("Slaughter line"), max_length=200)
    species = forms.ChoiceField(label=_("Animals"), choices=[("", "—"), *Species.choices])
    head_count = forms.IntegerField(label=_("Number of animals"), min_value=1, max_value=1_000_000)
    veterinary_document = forms.CharField(
        label=_("Veterinary document of the batch"),
        max_length=200,
        help_text=_("GOST 7.6.6: every batch comes with one."),
    )
    method = forms.ChoiceField(
        label=_("Slaughter"), choices=Method.choices, widget=forms.RadioSelect
    )
    slaughterers = forms.CharField(
        label=_("Slaughterers (surnames)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line; at least two on a line, slaughtering in turn (GOST 7.6.2)."),
    )
    stunning = forms.ChoiceField(
        label=_("Stunning"), choices=Stunning.choices, widget=forms.RadioSelect
    )
    current_a = forms.DecimalField(
        label=_("Current, A"), min_value=0, max_digits=4, decimal_places=2, required=False
    )
    duration_s = forms.DecimalField(
        label=_("Duration, s"), min_value=0, max_digits=4, decimal_places=2, required=False
    )
    air_pressure_mpa = forms.DecimalField(
        label=_("Air pressure, MPa"), min_value=0, max_digits=4, decimal_places=2, required=False
    )
    single_strike = forms.BooleanField(label=_("Each animal was struck once"), required=False)
    stun_to_slaughter_s = forms.IntegerField(
        label=_("Longest time from stunning to slaughter, s"),
        min_value=0,
        max_value=3600,
        required=False,
        help_text=_("GOST 7.6.7: at most 30 s for poultry, 3 min for other animals."),
    )
    video_recorded = _yes_no(_("The video recording was on during slaughter"))
    death_confirmed = _yes_no(_("Death was confirmed before primary processing"))
    rejected = forms.IntegerField(
        label=_("Animals not conforming, kept apart"),
        min_value=0,
        max_value=1_000_000,
        initial=0,
        required=False,
        help_text=_("Killed by stunning, slaughtered wrongly or injured (GOST 7.6.4, 7.6.8)."),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    sign = forms.BooleanField(label=_("I am the halal controller and sign this entry"))

    STUNNING_FIELDS = (
        "current_a",
        "duration_s",
        "air_pressure_mpa",
        "single_strike",
        "stun_to_slaughter_s",
    )
    CLOSING_FIELDS = ("video_recorded", "death_confirmed", "rejected", "notes")

    def stunning_fields(self):
        """The parameters of the stunning chosen (GOST 7.6.7), right after the choice."""
        return [self[name] for name in self.STUNNING_FIELDS]

    def main_fields(self):
        """The batch, the slaughter and the choice of stunning."""
        rest = {*self.STUNNING_FIELDS, *self.CLOSING_FIELDS, "sign"}
        return [self[name] for name in self.fields if name not in rest]

    def closing_fields(self):
        """What the controller confirms: the video recording, death, the animals kept apart."""
        return [self[name] for name in self.CLOSING_FIELDS]
