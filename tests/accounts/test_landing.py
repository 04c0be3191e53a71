"""Each role lands on its own work after logging in (never on «register an applicant
organization» unless it is an applicant without one)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def landing(client, user) -> str:
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}, follow=True
    )
    return response.redirect_chain[-1][0]


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ({"role_auditor": True}, "audits:check-list"),
        ({"role_secretary": True}, "certification:queue"),
        ({"role_head": True}, "certification:queue"),
        ({"role_commission": True}, "certification:awaiting"),
        ({}, "accounts:organization"),
    ],
)
def test_each_role_lands_on_its_own_work(client, db, roles, expected):
    user = UserFactory(**roles)
    assert landing(client, user) == reverse(expected)


def test_staff_without_an_organization_are_not_asked_to_register_one(client, db):
    client.force_login(UserFactory(role_auditor=True))
    response = client.get(reverse("certification:application-list"))
    assert response.status_code == 302
    assert response["Location"] != reverse("accounts:organization")
