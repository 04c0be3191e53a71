import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from halal_portal.forms import DateInput

from ..models import Knife, Line, Method, Species, Stunning, Worker, WorkerRole
from ..rules.deviation import decimal_text

RECENTLY_LEFT_DAYS = 31


def _yes_no(label, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        choices=[("1", _("yes")), ("0", _("no"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        help_text=help_text,
    )


def _measured(label):
    """A value read from an instrument: its three decimals are kept (0.375 A)."""
    return forms.DecimalField(
        label=label, min_value=0, max_digits=9, decimal_places=3, required=False
    )


def _count(label, help_text=""):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=1_000_000,
        initial=0,
        required=False,
        help_text=help_text,
    )


class _Labelled:
    def label_from_instance(self, obj) -> str:
        return f"{obj} ({obj.slaughterhouse})" if hasattr(obj, "slaughterhouse") else str(obj)


class RegisterChoiceField(_Labelled, forms.ModelChoiceField):
    pass


class RegisterMultipleChoiceField(_Labelled, forms.ModelMultipleChoiceField):
    pass


class KnifeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return gettext("%(knife)s, blade %(blade)s mm (%(line)s)") % {
            "knife": obj.label,
            "blade": decimal_text(obj.blade_length_mm),
            "line": obj.line,
        }


class SlaughterEntryForm(forms.Form):
    """GOST 7.6: one batch slaughtered on a line; the stunning fields apply to its method."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    line = RegisterChoiceField(label=_("Slaughter line"), queryset=None)
    species = forms.ChoiceField(label=_("Animals"), choices=[("", "—"), *Species.choices])
    head_count = forms.IntegerField(label=_("Number of animals"), min_value=1, max_value=1_000_000)
    veterinary_document = forms.CharField(
        label=_("Veterinary document of the batch"),
        max_length=200,
        help_text=_("GOST 7.6.6: every batch comes with one."),
    )
    # GOST 7.6.6: the animals before slaughter.
    veterinary_screened = _yes_no(_("The animals were screened by the veterinarian"))
    animals_rested = _yes_no(_("The animals were well rested"))
    pregnant_excluded = _yes_no(_("Animals past one third of pregnancy were excluded"))
    excluded_count = _count(_("Animals excluded from slaughter"))
    excluded_reason = forms.CharField(
        label=_("Why they were excluded"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    method = forms.ChoiceField(
        label=_("Slaughter"), choices=Method.choices, widget=forms.RadioSelect
    )
    slaughterers = RegisterMultipleChoiceField(
        label=_("Slaughterers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "From the slaughterhouse's register; at least two on a line, slaughtering in turn "
            "(GOST 7.6.2)."
        ),
    )
    knife = KnifeChoiceField(
        label=_("Knife"),
        queryset=None,
        required=False,
        help_text=_("Manual slaughter: a knife of the line's register (GOST 7.6.5)."),
    )
    neck_width_mm = forms.DecimalField(
        label=_("Widest neck of the batch, mm"),
        min_value=0,
        max_digits=6,
        decimal_places=1,
        required=False,
        help_text=_(
            "GOST 7.6.5 в): the blade is at least twice the neck for cattle and small ruminants, "
            "four times for poultry."
        ),
    )
    name_pronounced = _yes_no(
        _("The Name of the Almighty was pronounced"), _("GOST 4 а) 13), 7.6.8.")
    )
    cut_vessels = _yes_no(
        _("The jugular vein, the carotid artery and the trachea were cut in one movement"),
        _("GOST 7.6.8.1 б), в); 7.6.8.2 а), б)."),
    )
    head_kept = _yes_no(
        _("Neither the head nor the spinal cord was cut through"),
        _("GOST 7.6.8.1 г); 7.6.8.2 в)."),
    )
    blood_flowing = _yes_no(_("Red blood flowed fast"), _("GOST 7.6.4, 7.6.8.1 д)."))
    wrong_cut = _count(
        _("Animals slaughtered otherwise"),
        _("They do not conform (GOST 7.6.8.1 в), г)); count them among those kept apart."),
    )
    stunning = forms.ChoiceField(
        label=_("Stunning"), choices=Stunning.choices, widget=forms.RadioSelect
    )
    stunning_operator = RegisterChoiceField(
        label=_("Stunning operator"),
        queryset=None,
        required=False,
        help_text=_("From the register (GOST 7.6.3)."),
    )
    current_a = _measured(_("Current, A"))
    duration_s = _measured(_("Duration, s"))
    air_pressure_mpa = _measured(_("Air pressure, MPa"))
    single_strike = forms.BooleanField(label=_("Each animal was struck once"), required=False)
    stun_to_slaughter_s = forms.IntegerField(
        label=_("Longest time from stunning to slaughter, s"),
        min_value=0,
        max_value=3600,
        required=False,
        help_text=_("GOST 7.6.7: at most 30 s for poultry, 3 min for other animals."),
    )
    killed_by_stunning = _count(
        _("Animals killed by stunning"),
        _("GOST 7.6.7: the stunning must not kill; they are haram."),
    )
    skull_damaged = _count(
        _("Animals with a damaged skull (pneumatic tool)"),
        _("GOST 7.6.7 и): such an animal is haram."),
    )
    video_recorded = _yes_no(_("The video recording was on during slaughter"))
    death_confirmed = _yes_no(_("Death was confirmed before primary processing"))
    rejected = _count(
        _("Animals not conforming, kept apart"),
        _("Killed by stunning, slaughtered wrongly or injured (GOST 7.6.4, 7.6.8)."),
    )
    haram_count = _count(_("Carcasses declared haram"))
    haram_reason = forms.CharField(
        label=_("Why they were declared haram"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    sign = forms.BooleanField(label=_("I am the halal controller and sign this entry"))

    ANIMAL_FIELDS = (
        "veterinary_screened",
        "animals_rested",
        "pregnant_excluded",
        "excluded_count",
        "excluded_reason",
    )
    CUT_FIELDS = (
        "slaughterers",
        "knife",
        "neck_width_mm",
        "name_pronounced",
        "cut_vessels",
        "head_kept",
        "blood_flowing",
        "wrong_cut",
    )
    STUNNING_FIELDS = (
        "stunning",
        "stunning_operator",
        "current_a",
        "duration_s",
        "air_pressure_mpa",
        "single_strike",
        "stun_to_slaughter_s",
        "killed_by_stunning",
        "skull_damaged",
    )
    CLOSING_FIELDS = (
        "video_recorded",
        "death_confirmed",
        "rejected",
        "haram_count",
        "haram_reason",
        "notes",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = Line.objects.filter(
            slaughterhouse__organization=organization
        ).select_related("slaughterhouse")
        # Those who left lately may still be named on a batch slaughtered before they left.
        recent = timezone.localdate() - datetime.timedelta(days=RECENTLY_LEFT_DAYS)
        workers = Worker.objects.filter(
            Q(left_on__isnull=True) | Q(left_on__gte=recent),
            slaughterhouse__organization=organization,
        ).select_related("slaughterhouse")
        self.fields["slaughterers"].queryset = workers.filter(role=WorkerRole.SLAUGHTERER)
        self.fields["stunning_operator"].queryset = workers.filter(role=WorkerRole.OPERATOR)
        self.fields["knife"].queryset = Knife.objects.filter(
            Q(retired_on__isnull=True) | Q(retired_on__gte=recent),
            line__slaughterhouse__organization=organization,
        ).select_related("line")

    def _group(self, names):
        return [self[name] for name in names]

    def main_fields(self):
        """The batch: its date, line, animals and veterinary document."""
        return self._group(("date", "line", "species", "head_count", "veterinary_document"))

    def animal_fields(self):
        return self._group(self.ANIMAL_FIELDS)

    def cut_fields(self):
        """The slaughter: how, by whom, with which knife, and the cut the controller saw."""
        return self._group(("method", *self.CUT_FIELDS))

    def stunning_fields(self):
        """The parameters of the stunning chosen (GOST 7.6.7), right after the choice."""
        return self._group(self.STUNNING_FIELDS)

    def closing_fields(self):
        """What the controller confirms: the video recording, death, what was kept apart."""
        return self._group(self.CLOSING_FIELDS)
