"""Every state machine of the audits keeps its history in a log of one shape: the program of
the check, the sampling act and each sample (who, when, from, to and why), shown on their
pages like the application's timeline."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from audits import services
from audits.models import (
    ActStatus,
    CheckStatus,
    CheckTransition,
    SampleStatus,
    SampleTransition,
    SamplingActTransition,
)
from halal_portal.errors import StateConflict
from tests.files import pdf_upload


def entries(log) -> list[tuple]:
    return list(log.values_list("transition", "source", "target", "by"))


def add_report(sample, by, number="12/2026"):
    return services.lab_report_add(
        sample=sample,
        by=by,
        number=number,
        issued_on=sample.delivered_on,
        laboratory="",
        passed=True,
        comment="",
        upload=pdf_upload("протокол.pdf"),
    )


def test_the_check_logs_its_creation_approval_and_start(started, secretary, head, auditor):
    assert entries(started.transitions) == [
        ("create", CheckStatus.DRAFT, CheckStatus.DRAFT, secretary.pk),
        ("approve", CheckStatus.DRAFT, CheckStatus.APPROVED, head.pk),
        ("start", CheckStatus.APPROVED, CheckStatus.IN_PROGRESS, auditor.pk),
    ]


def test_the_check_logs_the_time_it_stamps(started):
    assert started.transitions.get(transition="approve").at == started.approved_at


def test_the_sampling_act_logs_its_creation_and_both_signatures(signed_act, auditor, applicant):
    assert entries(signed_act.transitions) == [
        ("create", ActStatus.DRAFT, ActStatus.DRAFT, auditor.pk),
        ("sign_as_auditor", ActStatus.DRAFT, ActStatus.SIGNED_BY_AUDITOR, auditor.pk),
        ("sign_as_applicant", ActStatus.SIGNED_BY_AUDITOR, ActStatus.SIGNED, applicant.pk),
    ]


def test_a_sample_logs_its_delivery_and_each_laboratory_report(sample, applicant, auditor):
    today = timezone.localdate()
    services.sample_deliver(sample=sample, by=applicant, laboratory="ИЛ", delivered_on=today)
    add_report(sample, auditor, "12/2026")
    add_report(sample, auditor, "13/2026")
    assert entries(sample.transitions) == [
        ("create", SampleStatus.TAKEN, SampleStatus.TAKEN, auditor.pk),
        ("deliver", SampleStatus.TAKEN, SampleStatus.DELIVERED, applicant.pk),
        ("record_test", SampleStatus.DELIVERED, SampleStatus.TESTED, auditor.pk),
        ("record_test", SampleStatus.TESTED, SampleStatus.TESTED, auditor.pk),
    ]
    assert sample.transitions.last().comment == "№ 13/2026"


def test_a_refused_transition_leaves_no_entry(act, applicant):
    before = act.transitions.count()
    with pytest.raises(StateConflict):
        services.sampling_act_sign_applicant(act=act, by=applicant)
    assert act.transitions.count() == before


def test_the_check_page_shows_its_history(client, started, head):
    client.force_login(head)
    response = client.get(started.get_absolute_url())
    assert [e.transition for e in response.context["timeline"]] == ["create", "approve", "start"]
    assert 'class="timeline"' in response.content.decode()


def test_the_sampling_act_page_shows_the_history_of_the_act_and_of_each_sample(
    client, sample, applicant
):
    services.sample_deliver(
        sample=sample, by=applicant, laboratory="ИЛ", delivered_on=timezone.localdate()
    )
    client.force_login(applicant)
    response = client.get(sample.act.get_absolute_url())
    page = response.content.decode()
    assert [e.transition for e in response.context["timeline"]][-1] == "sign_as_applicant"
    assert page.count('class="timeline"') == 2  # the act's and the delivered sample's
    assert str(SampleStatus.DELIVERED.label) in page


def test_the_data_migration_gives_existing_records_their_history(signed_act, started):
    sample = signed_act.samples.get()
    CheckTransition.objects.all().delete()
    SamplingActTransition.objects.all().delete()
    SampleTransition.objects.all().delete()
    migration = importlib.import_module("audits.migrations.0008_backfill_transition_logs")
    migration.fill(apps, None)
    assert [e[0] for e in entries(started.transitions)] == ["create", "approve", "start"]
    assert [e[0] for e in entries(signed_act.transitions)] == [
        "create",
        "sign_as_auditor",
        "sign_as_applicant",
    ]
    assert list(sample.transitions.all()) == []  # not delivered yet: nothing to tell
