"""Writes for users and organizations."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Membership, Organization, User
from .tokens import make_confirmation_token, read_confirmation_token


def user_register(*, email: str, password: str, language: str = "", **names) -> User:
    """An applicant account, inactive until the e-mail address is confirmed; it keeps the
    language the person registered in."""
    with transaction.atomic():
        user = User.objects.create_user(
            email=email, password=password, is_active=False, language=language, **names
        )
    send_confirmation_email(user=user)
    return user


def user_set_language(*, user: User, language: str) -> None:
    """The person chose a UI language: their notifications and e-mails follow it."""
    if language in {code for code, _name in settings.LANGUAGES} and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def send_confirmation_email(*, user: User) -> None:
    url = settings.SITE_URL + reverse(
        "accounts:confirm", kwargs={"token": make_confirmation_token(user)}
    )
    context = {"user": user, "url": url, "days": settings.ACCOUNT_ACTIVATION_DAYS}
    with translation.override(user.language_code):
        subject = render_to_string("accounts/email/confirm_subject.txt", context).strip()
        body = render_to_string("accounts/email/confirm_body.txt", context)
    send_mail(subject, body, None, [user.email])


def user_confirm_email(*, token: str) -> User | None:
    data = read_confirmation_token(token)
    if not data:
        return None
    user = User.objects.filter(pk=data["u"], email=data["e"]).first()
    if user is None or user.email_confirmed != data["c"] or user.email_confirmed:
        return None
    user.email_confirmed = True
    user.is_active = True
    user.save(update_fields=["email_confirmed", "is_active"])
    return user


@transaction.atomic
def organization_create(*, by: User, data: dict) -> Organization:
    organization = Organization(**data)
    organization.full_clean()
    organization.save()
    Membership.objects.create(organization=organization, user=by, is_admin=True)
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, data: dict) -> Organization:
    for field, value in data.items():
        setattr(organization, field, value)
    organization.full_clean()
    organization.save()
    return organization
