"""Registration with e-mail confirmation, login, lockout."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD

FORM = {
    "email": "new@example.com",
    "last_name": "Ахметов",
    "first_name": "Рустам",
    "password1": "Halal-portal-2026!",
    "password2": "Halal-portal-2026!",
}


def confirmation_link(mailoutbox) -> str:
    return re.search(r"http://\S+/accounts/confirm/\S+/", mailoutbox[-1].body).group(0)


@pytest.mark.django_db
def test_registration_sends_a_confirmation_link(client, mailoutbox):
    client.post(reverse("accounts:register"), FORM)
    user = User.objects.get(email="new@example.com")
    assert not user.is_active and len(mailoutbox) == 1


@pytest.mark.django_db
def test_confirmation_activates_and_logs_in(client, mailoutbox):
    client.post(reverse("accounts:register"), FORM)
    path = confirmation_link(mailoutbox).split("8000", 1)[1]
    response = client.get(path)
    assert response.status_code == 302
    assert User.objects.get(email="new@example.com").email_confirmed


@pytest.mark.django_db
def test_confirmation_link_works_once(client, mailoutbox):
    client.post(reverse("accounts:register"), FORM)
    path = confirmation_link(mailoutbox).split("8000", 1)[1]
    client.get(path)
    client.logout()
    assert client.get(path).status_code == 400


@pytest.mark.django_db
def test_weak_password_is_refused(client):
    response = client.post(
        reverse("accounts:register"), {**FORM, "password1": "12345678", "password2": "12345678"}
    )
    assert response.status_code == 200 and not User.objects.exists()


@pytest.mark.django_db
def test_unconfirmed_user_is_told_to_confirm(client):
    client.post(reverse("accounts:register"), FORM)
    response = client.post(
        reverse("accounts:login"), {"username": FORM["email"], "password": FORM["password1"]}
    )
    assert response.context["form"].errors["__all__"][0].startswith(("Confirm", "Подтвердите"))


def test_login_with_email(client, applicant):
    response = client.post(
        reverse("accounts:login"), {"username": applicant.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302


def test_repeated_failures_lock_the_account(client, applicant, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": applicant.email, "password": "x"})
    response = client.post(
        reverse("accounts:login"), {"username": applicant.email, "password": PASSWORD}
    )
    assert response.status_code == 429
