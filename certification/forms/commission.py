"""Forms of the commission's work (GOST 8.10–8.17): input validation only.

The services decide what is allowed; these forms only check that the input is well formed and
offer sensible choices.
"""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import can_proceed

from accounts.models import User
from halal_portal.forms import DateInput

from .. import rules
from ..models import (
    AnnexRequest,
    AnnexRequestState,
    Application,
    AppState,
    Conclusion,
    Question,
    Recommendation,
    Review,
)
from ..services.meetings import APPLICATION_TRANSITION, CERTIFICATE_TRANSITION


def commission_users():
    return User.objects.filter(role_commission=True, is_active=True)


class MemberChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.email


class MembersForm(forms.Form):
    """GOST 8.10: the secretary forms the commission that reviews an application."""

    members = MemberChoiceField(label=_("Commission members"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = commission_users()
        self.fields["members"].help_text = _("Choose at least %(count)s members.") % {
            "count": settings.COMMISSION_MIN_MEMBERS
        }

    def clean_members(self):
        members = self.cleaned_data["members"]
        if len(members) < settings.COMMISSION_MIN_MEMBERS:
            raise forms.ValidationError(
                _("Assign at least %(count)s commission members.")
                % {"count": settings.COMMISSION_MIN_MEMBERS}
            )
        return members


class RemarksForm(forms.Form):
    """GOST 8.10: return the dossier for completion: a general comment and a remark per document
    where it concerns one."""

    comment = forms.CharField(
        label=_("General comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, document_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.document_types = list(document_types)
        for doc_type in self.document_types:
            self.fields[self.field_name(doc_type)] = forms.CharField(
                label=str(doc_type),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def field_name(doc_type) -> str:
        return f"remark_{doc_type.pk}"

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("comment") or "").strip() and not self.remarks():
            raise forms.ValidationError(_("Say what the applicant must complete."))
        return cleaned

    def remarks(self) -> list[tuple]:
        """(document type, text) for each document with a remark."""
        return [
            (doc_type, self.cleaned_data[self.field_name(doc_type)].strip())
            for doc_type in self.document_types
            if (self.cleaned_data.get(self.field_name(doc_type)) or "").strip()
        ]


class ReviewForm(forms.ModelForm):
    """GOST 8.10: an assigned member's findings on the dossier."""

    class Meta:
        model = Review
        fields = ["recommendation", "text"]
        widgets = {
            "recommendation": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = Recommendation.choices  # no empty radio


class ConclusionForm(forms.ModelForm):
    """GOST 8.11: the conclusion on the documents; GOST 8.12: a refusal states its grounds."""

    class Meta:
        model = Conclusion
        fields = ["outcome", "text", "grounds"]
        widgets = {
            "outcome": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 5}),
            "grounds": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"grounds": _("Required for a refusal (GOST 8.12).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = Recommendation.choices  # no empty radio

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("outcome") == Recommendation.REFUSE
            and not (cleaned.get("grounds") or "").strip()
        ):
            self.add_error("grounds", _("A refusal must state its grounds (GOST 8.12)."))
        return cleaned


class ChairField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.email


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    chair = ChairField(
        label=_("Chair"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— not appointed —"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = commission_users()
        self.fields["date"].initial = timezone.localdate()


class PresentForm(forms.Form):
    members = MemberChoiceField(
        label=_("Commission members"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = commission_users()


# States of an application in which the commission has some question to decide.
AGENDA_STATES = (
    AppState.DOCUMENT_REVIEW,
    AppState.PRODUCTION_CHECK,
    AppState.DECISION,
    AppState.SUSPENDED,
    AppState.CERTIFIED,
)


def applicable_questions(application: Application, open_requests: bool = False) -> list[str]:
    """Which questions fit the application's state now: a hint for the form (the service has
    the last word, with the conditions of GOST 8.12, 8.16, 8.18)."""
    found = [
        question
        for question, name in APPLICATION_TRANSITION.items()
        if can_proceed(getattr(application, name), check_conditions=False)
    ]
    certificate = getattr(application, "certificate", None)
    if certificate is not None:
        if open_requests:
            found.append(Question.ISSUE_ANNEX)
        found += [
            question
            for question, name in CERTIFICATE_TRANSITION.items()
            if can_proceed(getattr(certificate, name), check_conditions=False)
        ]
    return [str(q) for q in found]


class ApplicationSelect(forms.Select):
    """Each application option says which questions fit it, so the page can offer only those."""

    def __init__(self, *args, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", None) and str(value) in self.questions:
            option["attrs"]["data-questions"] = " ".join(self.questions[str(value)])
        return option


class ApplicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number} — {obj.org_name} ({obj.get_state_display()})"


class AnnexRequestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(certificate)s (application %(number)s), requested %(date)s") % {
            "certificate": obj.certificate.number,
            "number": obj.certificate.application.number,
            "date": timezone.localtime(obj.requested_at).strftime("%d.%m.%Y"),
        }


class AgendaItemForm(forms.Form):
    """One question about one application on the agenda of a meeting."""

    application = ApplicationChoiceField(
        label=pgettext_lazy("case file", "Application"),
        queryset=Application.objects.none(),
        widget=ApplicationSelect,
    )
    question = forms.ChoiceField(label=_("Question"), choices=Question.choices)
    grounds = forms.CharField(
        label=_("Grounds"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required for a refusal (GOST 8.12). For a suspension, list the nonconformities "
            "to correct, one per line (GOST 8.16)."
        ),
    )
    deadline = forms.DateField(
        label=_("Deadline for corrective actions"), required=False, widget=DateInput()
    )
    recheck_required = forms.BooleanField(label=_("On-site re-check required"), required=False)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=DateInput(),
        help_text=_("At most two years (GOST 8.6)."),
    )
    product_type = forms.CharField(
        label=_("Product type"),
        max_length=500,
        required=False,
        help_text=_("Optional: the products are then listed in an annex (Л.4.4)."),
    )
    annex_request = AnnexRequestChoiceField(
        label=_("Annex request"), queryset=AnnexRequest.objects.none(), required=False
    )

    # Which questions each detail belongs to: the page shows a field only for its questions.
    FIELD_QUESTIONS = {
        "deadline": [Question.SUSPEND],
        "recheck_required": [Question.RESUME],
        "valid_from": [Question.ISSUE],
        "valid_to": [Question.ISSUE],
        "product_type": [Question.ISSUE],
        "annex_request": [Question.ISSUE_ANNEX],
    }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        requests = AnnexRequest.objects.filter(state=AnnexRequestState.REQUESTED).select_related(
            "certificate__application"
        )
        with_requests = {r.certificate.application_id for r in requests}
        candidates = Application.objects.filter(state__in=AGENDA_STATES).select_related(
            "certificate"
        )
        questions = {}
        for application in candidates:
            fitting = applicable_questions(application, application.pk in with_requests)
            if fitting:
                questions[str(application.pk)] = fitting
        field = self.fields["application"]
        field.widget.questions = questions
        field.queryset = candidates.filter(pk__in=[int(pk) for pk in questions]).order_by(
            "state", "number"
        )
        self.fields["annex_request"].queryset = requests
        # GOST 8.6: from the meeting date for two years at most, unless the commission says less.
        self.fields["valid_from"].initial = meeting.date
        self.fields["valid_to"].initial = rules.max_valid_to(meeting.date)
        for name, fitting in self.FIELD_QUESTIONS.items():
            self.fields[name].questions = " ".join(str(q) for q in fitting)

    def details(self) -> dict:
        """The keyword arguments of services.agenda_item_add besides application and question."""
        data = self.cleaned_data
        question = data.get("question")
        # A detail of another question is ignored, even if the page sent it (e.g. prefilled dates).
        details = {
            name: data.get(name)
            for name, fitting in self.FIELD_QUESTIONS.items()
            if question in fitting
        }
        return {"grounds": data.get("grounds", ""), **details}
