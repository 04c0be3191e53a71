"""`manage.py seed_demo`: one account per role, applications in several states, certificates in
every status; running it again changes nothing. Seeding takes seconds, so one test checks it."""

import pytest
from django.core.management import call_command

from accounts.models import User
from certification.models import Application, Certificate

EMAILS = {
    "applicant@example.com",
    "applicant2@example.com",
    "secretary@example.com",
    "commission1@example.com",
    "commission2@example.com",
    "commission3@example.com",
    "auditor@example.com",
    "head@example.com",
}


def snapshot() -> dict:
    return {
        "users": set(User.objects.values_list("email", flat=True)),
        "states": set(Application.objects.values_list("state", flat=True)),
        "applications": Application.objects.count(),
        "certificates": dict(Certificate.objects.values_list("number", "status")),
    }


@pytest.mark.django_db
def test_seed_demo_makes_every_role_state_and_status_once():
    call_command("seed_demo", verbosity=0)
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert first == snapshot()
    assert first["users"] >= EMAILS and {"draft", "submitted", "returned"} <= first["states"]
    assert first["certificates"]["ХП.00001"] == "valid" and set(first["certificates"].values()) == {
        "valid",
        "suspended",
        "withdrawn",
        "expired",
    }
