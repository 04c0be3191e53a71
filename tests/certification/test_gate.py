"""The certification gate (GOST 8.13–8.19): «issue the certificate» goes on the agenda, and is
adopted when the meeting closes, only on the evidence of the work; the refusal lists every unmet
condition with its clause. Each missing piece alone blocks it; with all of it the issue goes
through and names the act it rests on."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from certification import evidence, services
from certification.evidence import EvidenceMissing
from certification.forms.commission import applicable_questions
from certification.models import AppState, Certificate, Meeting, Tariff
from tests.certification.workflow import check_production, correct, decide


def today() -> datetime.date:
    return timezone.localdate()


def validity() -> dict:
    return {"valid_from": today(), "valid_to": services.certificates.max_valid_to(today())}


@pytest.fixture
def in_check(under_review, secretary, commission):
    decide(under_review, "proceed", secretary=secretary, members=commission)
    return under_review


@pytest.fixture
def meeting(secretary, commission):
    meeting = services.meeting_create(by=secretary, date=today(), chair=commission[0])
    services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    return meeting


def add_issue(meeting, application, secretary):
    return services.agenda_item_add(
        meeting=meeting, by=secretary, application=application, question="issue", **validity()
    )


def refusal(meeting, application, secretary) -> list:
    with pytest.raises(EvidenceMissing) as error:
        add_issue(meeting, application, secretary)
    return error.value.findings


def clauses(found) -> set[str]:
    return {f.clause for f in found}


# --- each piece of evidence alone blocks the issue ---------------------------------------------


def test_no_production_check_blocks_the_issue(meeting, in_check, secretary):
    assert "8.13" in clauses(refusal(meeting, in_check, secretary))


def test_an_act_not_yet_approved_blocks_the_issue(meeting, in_check, secretary):
    check_production(in_check, secretary=secretary, approve=False)
    assert clauses(refusal(meeting, in_check, secretary)) == {"8.16"}


def test_a_sample_without_its_laboratory_report_blocks_the_issue(meeting, in_check, secretary):
    check_production(in_check, secretary=secretary, lab_report=False)
    assert clauses(refusal(meeting, in_check, secretary)) == {"8.15"}


def test_a_failed_laboratory_report_blocks_the_issue(meeting, in_check, secretary):
    check_production(in_check, secretary=secretary, sample_passes=False)
    assert clauses(refusal(meeting, in_check, secretary)) == {"8.15"}


def test_no_sampling_needed_is_recorded_by_the_program(meeting, in_check, secretary):
    check_production(in_check, secretary=secretary, sampling=False)
    assert add_issue(meeting, in_check, secretary).pk


def test_an_open_nonconformity_blocks_the_issue_until_its_action_is_accepted(
    meeting, in_check, secretary
):
    check_production(in_check, secretary=secretary, nonconformity="График мойки не утвержден")
    assert in_check.state == AppState.DECISION
    assert clauses(refusal(meeting, in_check, secretary)) == {"8.16"}
    correct(in_check, secretary=secretary)  # filed while the decision waits, then accepted
    assert add_issue(meeting, in_check, secretary).pk


def test_an_unpaid_check_blocks_the_issue_where_payment_gates_the_work(
    meeting, under_review, secretary, commission, settings
):
    Tariff.objects.create(stage="production_check", amount="120000.00", currency="RUB")
    decide(under_review, "proceed", secretary=secretary, members=commission)
    check_production(under_review, secretary=secretary)
    settings.WORK_WAITS_FOR_PAYMENT = True
    assert clauses(refusal(meeting, under_review, secretary)) == {"8.19"}


def test_every_unmet_condition_is_listed_at_once(meeting, in_check, secretary):
    check_production(
        in_check,
        secretary=secretary,
        sample_passes=False,
        nonconformity="Нет маркировки «Халяль» на таре",
    )
    assert clauses(refusal(meeting, in_check, secretary)) == {"8.15", "8.16"}


# --- with the evidence, the issue goes through on the act ------------------------------------


def test_with_all_the_evidence_the_certificate_is_issued_on_the_act(
    in_check, secretary, commission
):
    act = check_production(in_check, secretary=secretary)
    assert in_check.state == AppState.DECISION  # the act's approval handed it over
    item = decide(in_check, "issue", secretary=secretary, members=commission, **validity())
    certificate = Certificate.objects.get(application=in_check)
    assert (item.act_number, item.act_date) == (str(act.number), act.date)
    assert (certificate.act_number, certificate.act_date) == (str(act.number), act.date)


def test_the_close_refuses_an_issue_whose_evidence_no_longer_holds(
    client, meeting, under_review, secretary, commission, settings
):
    """The evidence is asked again when the meeting closes; nothing is applied."""
    Tariff.objects.create(stage="production_check", amount="120000.00", currency="RUB")
    decide(under_review, "proceed", secretary=secretary, members=commission)
    check_production(under_review, secretary=secretary)
    item = add_issue(meeting, under_review, secretary)
    for member in commission:
        services.vote_cast(item=item, member=member, choice="for")
    settings.WORK_WAITS_FOR_PAYMENT = True
    client.force_login(secretary)
    page = client.post(
        reverse("certification:meeting-close", kwargs={"pk": meeting.pk}), follow=True
    ).content.decode()
    under_review.refresh_from_db()
    assert "8.19" in page
    assert not Meeting.objects.get(pk=meeting.pk).is_closed
    assert under_review.state == AppState.DECISION and not Certificate.objects.exists()


# --- a negative act: suspension or termination, never the issue -------------------------------


def test_a_negative_act_offers_suspension_or_termination_never_the_issue(
    meeting, in_check, secretary
):
    check_production(in_check, secretary=secretary, conforms=False)
    offered = applicable_questions(in_check)
    assert "issue" not in offered and {"suspend", "terminate"} <= set(offered)
    found = refusal(meeting, in_check, secretary)
    assert any(f.rules_out and f.clause == "8.16" for f in found)


def test_a_negative_act_lets_the_commission_terminate_and_the_letter_names_it(
    in_check, secretary, commission
):
    act = check_production(in_check, secretary=secretary, conforms=False)
    item = decide(in_check, "terminate", secretary=secretary, members=commission)
    assert in_check.state == AppState.TERMINATED
    assert item.act_reference == act.reference


def test_a_positive_act_offers_no_termination(meeting, in_check, secretary):
    check_production(in_check, secretary=secretary)
    assert "terminate" not in applicable_questions(in_check)
    with pytest.raises(EvidenceMissing):
        services.agenda_item_add(
            meeting=meeting, by=secretary, application=in_check, question="terminate"
        )


def test_a_negative_act_suspends_with_a_deadline(in_check, secretary, commission):
    act = check_production(in_check, secretary=secretary, conforms=False)
    item = decide(
        in_check,
        "suspend",
        secretary=secretary,
        members=commission,
        grounds="Нет раздельного хранения",
        deadline=today() + datetime.timedelta(days=30),
    )
    assert in_check.state == AppState.SUSPENDED and item.act_reference == act.reference


# --- resuming suspended work -------------------------------------------------------------------


def test_resume_waits_for_accepted_corrective_actions(meeting, in_check, secretary, commission):
    decide(
        in_check,
        "suspend",
        secretary=secretary,
        members=commission,
        grounds="Журнал санитарной обработки не ведется",
        deadline=today() + datetime.timedelta(days=30),
    )
    with pytest.raises(EvidenceMissing) as error:
        services.agenda_item_add(
            meeting=meeting, by=secretary, application=in_check, question="resume"
        )
    assert error.value.findings[0].clause == "8.16"
    correct(in_check, secretary=secretary)
    item = services.agenda_item_add(
        meeting=meeting, by=secretary, application=in_check, question="resume"
    )
    assert item.pk


# --- over HTTP: a message on the page, 409 with the reasons in the API ---------------------------


def test_the_agenda_form_lists_every_reason_with_its_clause(client, meeting, in_check, secretary):
    check_production(in_check, secretary=secretary, lab_report=False)
    client.force_login(secretary)
    response = client.post(
        reverse("certification:meeting-item-add", kwargs={"pk": meeting.pk}),
        {
            "item-application": in_check.pk,
            "item-question": "issue",
            "item-valid_from": today().isoformat(),
            "item-valid_to": services.certificates.max_valid_to(today()).isoformat(),
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "ГОСТ 8.15" in content and in_check.number in content


def test_the_api_answers_409_with_the_reasons(meeting, in_check, secretary):
    api = APIClient()
    api.force_authenticate(secretary)
    response = api.post(
        reverse("meeting-items", kwargs={"pk": meeting.pk}),
        {
            "application": in_check.pk,
            "question": "issue",
            "valid_from": today().isoformat(),
            "valid_to": services.certificates.max_valid_to(today()).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["reasons"][0]["clause"] == "8.13"


def test_the_api_puts_the_issue_on_the_agenda_with_the_evidence(meeting, in_check, secretary):
    check_production(in_check, secretary=secretary)
    api = APIClient()
    api.force_authenticate(secretary)
    response = api.post(
        reverse("meeting-items", kwargs={"pk": meeting.pk}),
        {
            "application": in_check.pk,
            "question": "issue",
            **{k: v.isoformat() for k, v in validity().items()},
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["question"] == "issue"


def test_the_api_close_answers_409_when_the_evidence_no_longer_holds(
    meeting, under_review, secretary, commission, settings
):
    Tariff.objects.create(stage="production_check", amount="120000.00", currency="RUB")
    decide(under_review, "proceed", secretary=secretary, members=commission)
    check_production(under_review, secretary=secretary)
    item = add_issue(meeting, under_review, secretary)
    for member in commission:
        services.vote_cast(item=item, member=member, choice="for")
    settings.WORK_WAITS_FOR_PAYMENT = True
    api = APIClient()
    api.force_authenticate(secretary)
    response = api.post(reverse("meeting-close", kwargs={"pk": meeting.pk}))
    assert response.status_code == 409
    assert [r["clause"] for r in response.json()["reasons"]] == ["8.19"]


# --- the providers: one registry, each app its part ---------------------------------------------


def test_the_apps_register_their_evidence_with_certification():
    names = {p.__module__ for p in evidence._providers}
    assert {"certification.evidence", "audits.evidence", "slaughter.evidence"} <= names


def test_the_meeting_page_shows_what_the_decision_rests_on(client, meeting, in_check, secretary):
    act = check_production(in_check, secretary=secretary)
    add_issue(meeting, in_check, secretary)
    client.force_login(secretary)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert act.reference in page
