"""Forms of the slaughterhouse register (GOST 7.6.2–7.6.4): input only, the rules are in the
services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from halal_portal.forms import DateInput

from ..models import DocumentKind, WorkerRole


class SlaughterhouseForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(
        label=_("Address"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name() or obj.email} ({obj.email})"


class WorkerForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=WorkerRole.choices, widget=forms.RadioSelect)
    full_name = forms.CharField(label=_("Surname, name, patronymic"), max_length=200)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=DateInput(),
        help_text=_("The slaughterer and the halal controller are adults (GOST 7.6.2, 7.6.4)."),
    )
    user = MemberChoiceField(
        label=_("Portal account"),
        queryset=None,
        required=False,
        help_text=_("Required for the halal controller: the account under which they sign."),
    )
    since = forms.DateField(label=_("On the register since"), widget=DateInput())

    def __init__(self, *args, organization, **kwargs):
        kwargs.setdefault("initial", {"since": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = organization.members.order_by("last_name", "email")


class WorkerDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    issuer = forms.CharField(label=_("Issued by"), max_length=300)
    number = forms.CharField(label=_("Number"), max_length=100)
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())
    valid_to = forms.DateField(label=_("Valid to"), widget=DateInput())
    file = forms.FileField(label=_("Scan of the document (PDF, JPEG, PNG, TIFF)"))


class WorkerRemoveForm(forms.Form):
    left_on = forms.DateField(label=_("Left the register on"), widget=DateInput())
