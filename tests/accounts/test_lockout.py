"""Lockout (django-axes) behind the reverse proxy: keyed on the account and the client's address
together, the address taken from the trusted proxy's header only; the token endpoint answers a
lockout as the login page does (429), not as a wrong password (400)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture
def behind_proxy(settings):
    """One trusted proxy in front, as docker-compose.yml runs it (PROXY_COUNT=1)."""
    settings.AXES_ENABLED = True
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    return settings


def login(client, email: str, password: str, *, forwarded_for: str):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR="10.0.0.2",  # the proxy
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(client, applicant, behind_proxy):
    for _ in range(behind_proxy.AXES_FAILURE_LIMIT + 1):
        login(client, applicant.email, "wrong", forwarded_for="203.0.113.66")
    response = login(client, applicant.email, PASSWORD, forwarded_for="198.51.100.7")
    assert response.status_code == 302


def test_the_attackers_own_address_is_locked(client, applicant, behind_proxy):
    for _ in range(behind_proxy.AXES_FAILURE_LIMIT):
        login(client, applicant.email, "wrong", forwarded_for="203.0.113.66")
    response = login(client, applicant.email, PASSWORD, forwarded_for="203.0.113.66")
    assert response.status_code == 429


def test_a_forged_forwarded_header_does_not_escape_the_lockout(client, applicant, behind_proxy):
    # The client prepends a made-up address each time; the proxy appends the real one last.
    for attempt in range(behind_proxy.AXES_FAILURE_LIMIT):
        login(client, applicant.email, "wrong", forwarded_for=f"192.0.2.{attempt}, 203.0.113.66")
    response = login(client, applicant.email, PASSWORD, forwarded_for="192.0.2.200, 203.0.113.66")
    assert response.status_code == 429


def test_the_token_endpoint_answers_a_lockout_with_429(client, applicant, settings):
    settings.AXES_ENABLED = True
    url = reverse("api-token")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"email": applicant.email, "password": "wrong"})
    response = client.post(url, {"email": applicant.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "locked" in response.json()["detail"] or "заблокирован" in response.json()["detail"]


def test_a_wrong_password_on_the_token_endpoint_is_still_400(client, applicant, settings):
    settings.AXES_ENABLED = True
    response = client.post(reverse("api-token"), {"email": applicant.email, "password": "wrong"})
    assert response.status_code == 400
