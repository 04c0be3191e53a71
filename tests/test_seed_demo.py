"""`manage.py seed_demo`: one account per role, applications in several states, certificates in
every status; running it again changes nothing. Seeding takes seconds, so one test checks it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from certification import registry
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


@pytest.mark.django_db
def test_the_demo_registry_is_dated_as_its_decisions():
    # What a visitor of the demo registry reads agrees with itself: each event on its
    # protocol's date, an expiry the day after the end date, the status since its last change.
    call_command("seed_demo", verbosity=0)
    for certificate in Certificate.objects.all():
        card = registry.registry_card(registry.registry_record(certificate.number))
        for event in card.events:
            day = timezone.localtime(event.at).date()
            if event.protocol:
                assert day == event.protocol.date
            else:
                assert (event.kind, day) == (
                    "expired",
                    card.certificate.valid_to + datetime.timedelta(days=1),
                )
        changes = [e for e in card.events if e.kind != "annex"]
        assert card.status_since == changes[-1].at
        for annex in card.annexes:
            assert timezone.localtime(annex.issued_at).date() == annex.protocol.date


@pytest.mark.django_db
def test_every_demo_certificate_rests_on_an_approved_positive_act():
    """GOST 8.17: seed_demo issues each certificate through the real path, so it proves it."""
    from audits.models import ProductionCheckAct

    call_command("seed_demo", verbosity=0)
    for certificate in Certificate.objects.all():
        act = ProductionCheckAct.objects.get(number=int(certificate.act_number))
        assert act.production_check.application_id == certificate.application_id
        assert act.approved_at and act.stable_production is True
        assert certificate.signed_by is not None
        assert act.production_check.sampling_acts.filter(samples__lab_reports__passed=True).exists()
