"""`manage.py seed_demo`: one account per role, applications in several states, certificates in
every status; running it again changes nothing. Seeding takes seconds, so one test checks it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from certification.models import Application, Certificate
from registry.cards import registry_card
from registry.selectors import registry_record

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


@pytest.mark.django_db
def test_the_demo_registry_is_dated_as_its_decisions():
    # What a visitor of the demo registry reads agrees with itself: each event on its
    # protocol's date, an expiry the day after the end date, the status since its last change.
    call_command("seed_demo", verbosity=0)
    for certificate in Certificate.objects.all():
        card = registry_card(registry_record(certificate.number), today=timezone.localdate())
        for event in card.events:
            day = timezone.localtime(event.at).date()
            if event.protocol:
                assert day == event.protocol.date
            else:
                assert (event.kind, day) == (
                    "expired",
                    card.valid_to + datetime.timedelta(days=1),
                )
        changes = [e for e in card.events if e.kind != "annex"]
        assert card.status_since == changes[-1].at
        for annex in card.annexes:
            assert timezone.localtime(annex.issued_at).date() == annex.protocol.date
