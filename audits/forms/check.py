"""The program of the production check (GOST 8.13, Annex Д): input validation only."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from certification.models import NormativeDocument
from halal_portal.forms import DateInput

from ..reference import OPTIONAL_STAGES, STAGE_TITLES


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name() or obj.email
        return f"{name}, {obj.position}" if obj.position else name


class UsersChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.email


class ProgramForm(forms.Form):
    """Annex Д, parts 1–3 and 5."""

    purpose = forms.CharField(
        label=_("1 Purpose of the check"), widget=forms.Textarea(attrs={"rows": 2})
    )
    basis = forms.CharField(
        label=_("2 Basis for the check"), widget=forms.Textarea(attrs={"rows": 2})
    )
    start_date = forms.DateField(label=_("3 The check starts on"), widget=DateInput())
    end_date = forms.DateField(label=_("and ends on"), widget=DateInput())
    normative_documents = forms.ModelMultipleChoiceField(
        label=_("5 Normative documents with the requirements for «Halal» products"),
        queryset=NormativeDocument.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_documents = forms.CharField(
        label=_("Other normative documents"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Designations of documents not in the list, one per line."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The check cannot end before it starts."))
        return data


class TeamMemberForm(forms.Form):
    """Annex Д, part 4: initials, surname and position of a member of the commission."""

    user = UserChoiceField(label=_("Member"), queryset=User.objects.none())
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the position from the member's account."),
    )

    def __init__(self, *args, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(is_active=True).filter(
            Q(role_auditor=True)
            | Q(role_commission=True)
            | Q(role_secretary=True)
            | Q(role_head=True)
        )
        self.fields["user"].queryset = staff.exclude(pk__in=list(exclude))


class StagesForm(forms.Form):
    """Annex Д, part 6: the executors of each stage; stages 3 and 4 may be not needed."""

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        team = User.objects.filter(check_memberships__production_check=check)
        self.stages = list(check.stages.prefetch_related("executors"))
        for stage in self.stages:
            field = UsersChoiceField(
                label=_("Stage %(number)s: %(title)s")
                % {"number": stage.number, "title": STAGE_TITLES[stage.number]},
                queryset=team,
                required=False,
                initial=[u.pk for u in stage.executors.all()],
            )
            self.fields[f"stage_{stage.number}"] = field
            if stage.number in OPTIONAL_STAGES:
                self.fields[f"needed_{stage.number}"] = forms.BooleanField(
                    label=_("Stage %(number)s is needed") % {"number": stage.number},
                    required=False,
                    initial=stage.needed,
                )

    def stage_data(self) -> dict[int, dict]:
        return {
            stage.number: {
                "executors": list(self.cleaned_data.get(f"stage_{stage.number}") or []),
                "needed": self.cleaned_data.get(f"needed_{stage.number}", True),
            }
            for stage in self.stages
        }
