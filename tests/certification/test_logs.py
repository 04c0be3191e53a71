"""The certificate's events are its transition log (halal_portal.workflow): each decision of the
commission and the nightly expiry leave transition, source and target beside the kind and the
status the public registry reads, with the protocol of the decision."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from certification import services
from certification.models import Certificate, CertificateEvent
from tests.certification.workflow import decide, issue


@pytest.fixture
def certificate(under_review, secretary, commission):
    issue(under_review, secretary=secretary, members=commission)
    return Certificate.objects.get(application=under_review)


def shape(event: CertificateEvent) -> tuple:
    return (event.transition, event.source, event.target, event.kind, event.status)


def test_the_issue_opens_the_log(certificate):
    assert shape(certificate.events.get()) == ("issue", "valid", "valid", "issued", "valid")


def test_a_decision_logs_its_transition_with_the_protocol(
    certificate, under_review, secretary, commission
):
    item = decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    event = certificate.events.last()
    assert shape(event) == ("suspend", "valid", "suspended", "suspended", "suspended")
    assert (event.meeting, event.by) == (item.meeting, secretary)


def test_the_nightly_expiry_is_logged_by_nobody(certificate):
    with time_machine.travel(certificate.valid_to + datetime.timedelta(days=1, hours=3)):
        assert services.certificates_expire() == 1
    event = certificate.events.last()
    assert shape(event) + (event.by,) == ("expire", "valid", "expired", "expired", "expired", None)


def test_only_the_secretary_applies_a_decision_on_a_certificate(certificate, commission):
    with pytest.raises(PermissionDenied):
        services.certificates.certificate_transition(
            certificate=certificate, name="suspend", by=commission[0]
        )


def test_an_event_written_the_registrys_way_gets_its_transition(certificate):
    event = certificate.events.create(kind="suspended", status="suspended")
    assert (event.transition, event.target) == ("suspend", "suspended")


def test_the_data_migration_gives_existing_events_their_transitions(
    certificate, under_review, secretary, commission
):
    decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    decide(under_review, "resume_certificate", secretary=secretary, members=commission)
    CertificateEvent.objects.update(transition="", source="", target="")
    migration = importlib.import_module(
        "certification.migrations.0011_certificate_event_transitions"
    )
    migration.fill(apps, None)
    assert list(certificate.events.values_list("transition", "source", "target")) == [
        ("issue", "valid", "valid"),
        ("suspend", "valid", "suspended"),
        ("resume", "suspended", "valid"),
    ]


def test_the_state_since_is_the_time_of_the_last_transition(
    certificate, under_review, secretary, commission
):
    before = timezone.now()
    decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    certificate.refresh_from_db()
    assert certificate.status_changed_at == certificate.events.last().at >= before
