"""Forms of the slaughterhouse's plant (GOST 7.6.5, 7.6.7) and of the stunning check."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from halal_portal.forms import DateInput

from ..models import KnifeMaterial, Line, RoomKind, Stunning
from .journal import _measured, _yes_no


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of room"), choices=RoomKind.choices)


class LineForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slaughter_room = forms.ModelChoiceField(
        label=_("Slaughter room"), queryset=None, required=False
    )
    stunning_room = forms.ModelChoiceField(label=_("Stunning room"), queryset=None, required=False)
    video_recording = forms.BooleanField(
        label=_("The slaughter and stunning rooms of the line are under video recording"),
        required=False,
        help_text=_("GOST 7.1, 7.6.4, 7.6.7: each batch confirms the recording was on."),
    )

    def __init__(self, *args, slaughterhouse, **kwargs):
        super().__init__(*args, **kwargs)
        rooms = slaughterhouse.rooms.all()
        self.fields["slaughter_room"].queryset = rooms.filter(kind=RoomKind.SLAUGHTER)
        self.fields["stunning_room"].queryset = rooms.filter(kind=RoomKind.STUNNING)


class KnifeForm(forms.Form):
    label = forms.CharField(label=_("Marking"), max_length=100)
    blade_length_mm = forms.DecimalField(
        label=_("Blade length, mm"), min_value=0, max_digits=6, decimal_places=1
    )
    material = forms.ChoiceField(
        label=_("Material"),
        choices=KnifeMaterial.choices,
        help_text=_("GOST 7.6.5 б): no claws, teeth or bone."),
    )
    registered_on = forms.DateField(label=_("In use since"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"registered_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class LineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} ({obj.slaughterhouse})"


class StunningCheckForm(forms.Form):
    """GOST 7.6.7: the halal controller's periodic check of stunning effectiveness."""

    line = LineChoiceField(label=_("Slaughter line"), queryset=None)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    equipment = forms.CharField(label=_("Stunning equipment"), max_length=300)
    stunning = forms.ChoiceField(
        label=_("Stunning"),
        choices=[c for c in Stunning.choices if c[0] != Stunning.NONE],
        widget=forms.RadioSelect,
    )
    voltage_v = _measured(_("Voltage, V"))
    current_a = _measured(_("Current, A"))
    pressure_mpa = _measured(_("Air pressure, MPa"))
    effective = _yes_no(_("The animals were immobilised without stopping the heart"))
    no_signs_of_life = forms.BooleanField(
        label=_("An animal showed no signs of life after stunning"), required=False
    )
    change = forms.CharField(
        label=_("Change of the method or the parameters"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("GOST 7.6.7: required when an animal showed no signs of life."),
    )
    sign = forms.BooleanField(label=_("I am the halal controller and sign this check"))

    def __init__(self, *args, organization, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = Line.objects.filter(
            slaughterhouse__organization=organization
        ).select_related("slaughterhouse")
