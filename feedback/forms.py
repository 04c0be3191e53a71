"""HTML input of the reports: validation only (the services decide)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from certification.models import Meeting
from halal_portal.forms import MultipleFileField

from .models import AppealVoteChoice, ComplaintTopic, ReportKind, ReportState
from .models.reports import CLOSING_OUTCOMES
from .rules import validate_gtin
from .selectors import open_meetings

PHOTO_ACCEPT = ".jpg,.jpeg,.png"


class PhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; their content is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", PhotoInput(attrs={"accept": PHOTO_ACCEPT, "capture": "environment"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(item, initial) for item in data if item]
        else:
            files = [f for f in [single(data, initial)] if f]
        if len(files) > settings.REPORT_PHOTOS_MAX:
            raise forms.ValidationError(
                _("Attach at most %(count)s photos.") % {"count": settings.REPORT_PHOTOS_MAX}
            )
        return files


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is wrong"), choices=ReportKind.choices, widget=forms.RadioSelect
    )
    product_name = forms.CharField(label=_("Product"), max_length=300, required=False)
    gtin = forms.CharField(
        label=_("Barcode (GTIN)"),
        max_length=14,
        required=False,
        help_text=_("The 8 to 14 digits under the bars."),
        validators=[validate_gtin],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    number_shown = forms.CharField(
        label=_("Certificate number shown on the product"), max_length=40, required=False
    )
    place = forms.CharField(label=_("Where bought or seen"), max_length=300)
    description = forms.CharField(
        label=_("What you saw"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    photos = PhotosField(
        label=_("Photos"), required=False, help_text=_("The product and its label; JPEG or PNG.")
    )
    email = forms.EmailField(
        label=_("E-mail for follow-up"),
        required=False,
        help_text=_("Optional: we write only to tell you the outcome."),
    )
    # The honeypot: hidden from people, filled by bots that fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_gtin(self) -> str:
        return "".join(self.cleaned_data["gtin"].split())

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class StatusLookupForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).upper()


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("Open")), *ReportState.choices, ("all", _("All"))],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class LinkForm(forms.Form):
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to unlink."),
    )


class ReferForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    grounds = forms.CharField(
        label=_("Grounds for the suspension"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = open_meetings()


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=CLOSING_OUTCOMES,
    )
    reason = forms.CharField(
        label=_("Reason (not shown to the public)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}))


class ComplaintForm(forms.Form):
    topic = forms.ChoiceField(label=_("About"), choices=ComplaintTopic.choices)
    text = forms.CharField(
        label=_("Your complaint"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )


class ComplaintAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer (printed in the letter)"), widget=forms.Textarea(attrs={"rows": 6})
    )


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    files = MultipleFileField(
        label=_("Files"), required=False, help_text=_("PDF, JPEG, PNG or TIFF.")
    )


class PanelForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Panel members"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, conflicted=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicted = set(conflicted)
        # Every commission member is listed, the conflicted ones marked: the portal says why it
        # refuses one rather than hiding them.
        self.fields["members"].queryset = User.objects.filter(
            role_commission=True, is_active=True
        ).order_by("last_name", "pk")
        self.fields["members"].label_from_instance = self._label

    def _label(self, user) -> str:
        name = user.get_full_name() or user.email
        if user.pk in self.conflicted:
            return _("%(name)s — took part in the decision or the check") % {"name": name}
        return name


class AppealVoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Vote"), choices=AppealVoteChoice.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AppealDecideForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons of the panel (printed in the letter)"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
