from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Organization, User


class RegistrationForm(forms.ModelForm):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["email", "last_name", "first_name", "middle_name", "position", "phone"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("last_name", "first_name"):
            self.fields[name].required = True

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail already exists."))
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            user = User(**{k: v for k, v in cleaned.items() if k in self.Meta.fields})
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _("Wrong e-mail or password."),
        "inactive": _("Confirm your e-mail address first: follow the link we sent you."),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # An unconfirmed account is inactive, so authenticate() refuses it like a wrong
            # password; tell its owner the real reason instead.
            email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
            user = User.objects.filter(email__iexact=email or "", email_confirmed=False).first()
            if user and password and user.check_password(password):
                raise forms.ValidationError(
                    self.error_messages["inactive"], code="inactive"
                ) from None
            raise


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "full_name",
            "short_name",
            "legal_address",
            "country",
            "tax_id",
            "bank_details",
            "phone",
            "fax",
            "email",
            "head_name",
            "head_position",
            "chief_accountant_name",
            "contact_person",
            "contact_phone",
        ]
        widgets = {
            "legal_address": forms.Textarea(attrs={"rows": 2}),
            "bank_details": forms.Textarea(attrs={"rows": 3}),
        }


class NewOrganizationForm(OrganizationForm):
    """Registering the organization: whoever registers it says whether they head it (only its
    head signs the declaration, GOST 8.9)."""

    i_am_head = forms.BooleanField(
        label=_("I am the head of the organization and sign its declarations (GOST 8.9)"),
        required=False,
    )
