"""The program of the production check (GOST 8.13–8.14, Annex Д) and the powers of attorney of
its expert-auditors (GOST 2.19)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audits import services
from audits.models import CheckArea, CheckStatus
from certification.rules import recused_members
from halal_portal.errors import StateConflict
from tests.audits.conftest import check_dates
from tests.audits.helpers import auditor_with_power
from tests.factories import UserFactory


def messages_of(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


# --- drawing up the program ---


def test_program_has_the_five_stages_of_annex_d(program):
    assert list(program.stages.values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_stage_one_covers_the_19_areas_of_8_14(program):
    stage = program.stages.get(number=1)
    assert stage.areas.count() == 19 == CheckArea.objects.count()


def test_program_takes_the_applications_normative_documents(program, in_check):
    designations = set(program.normative_documents.values_list("designation", flat=True))
    assert in_check.standard.designation in designations


def test_program_needs_an_application_in_the_check(under_review, secretary):
    with pytest.raises(StateConflict):
        services.check_create(application=under_review, by=secretary)


def test_a_second_unstarted_program_is_refused(program, in_check, secretary):
    with pytest.raises(StateConflict):
        services.check_create(application=in_check, by=secretary)


def test_applicant_cannot_draw_up_a_program(in_check, applicant):
    with pytest.raises(PermissionDenied):
        services.check_create(application=in_check, by=applicant)


def test_team_is_mirrored_in_participants(ready_program, auditor):
    assert list(ready_program.participants.all()) == [auditor]


def test_team_members_are_recused_from_the_vote(ready_program, auditor, in_check):
    assert auditor.pk in recused_members(in_check)


def test_removing_a_member_updates_participants_and_stages(ready_program, secretary, auditor):
    member = ready_program.team.get(user=auditor)
    services.team_member_remove(check=ready_program, by=secretary, member=member)
    assert not ready_program.participants.exists()
    assert not ready_program.stages.filter(executors=auditor).exists()


def test_applicant_cannot_join_the_team(program, secretary, applicant):
    start, end = check_dates()
    dates = {"start_date": start, "end_date": end}
    services.program_update(check=program, by=secretary, data=dates)
    with pytest.raises(ValidationError):
        services.team_member_add(check=program, by=secretary, user=applicant, position="Технолог")


def test_member_without_position_is_refused(program, secretary, commission):
    with pytest.raises(ValidationError) as error:
        services.team_member_add(check=program, by=secretary, user=commission[0])
    assert "position" in error.value.message_dict


def test_executor_must_be_in_the_team(ready_program, secretary, commission):
    with pytest.raises(ValidationError):
        services.stages_update(
            check=ready_program, by=secretary, stages={2: {"executors": [commission[0]]}}
        )


def test_stage_five_cannot_be_skipped(ready_program, secretary, auditor):
    with pytest.raises(ValidationError):
        services.stages_update(
            check=ready_program,
            by=secretary,
            stages={5: {"executors": [auditor], "needed": False}},
        )


def test_optional_stage_without_executor_may_be_skipped(ready_program, secretary, head):
    services.stages_update(
        check=ready_program, by=secretary, stages={4: {"executors": [], "needed": False}}
    )
    assert services.program_approve(check=ready_program, by=head).state == CheckStatus.APPROVED


# --- powers of attorney (GOST 2.19) ---


def dated_program(program, secretary):
    start, end = check_dates()
    dates = {"start_date": start, "end_date": end}
    services.program_update(check=program, by=secretary, data=dates)
    return program


def test_auditor_without_power_of_attorney_is_refused(program, secretary):
    dated_program(program, secretary)
    auditor = UserFactory(role_auditor=True, position="Эксперт-аудитор")
    with pytest.raises(ValidationError) as error:
        services.team_member_add(check=program, by=secretary, user=auditor)
    assert "2.19" in messages_of(error)


def test_auditor_with_an_expired_power_is_refused(program, secretary):
    dated_program(program, secretary)
    today = timezone.localdate()
    auditor = auditor_with_power(
        valid_from=today - datetime.timedelta(days=400),
        valid_to=today - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        services.team_member_add(check=program, by=secretary, user=auditor)
    assert "2.19" in messages_of(error)


def test_power_ending_during_the_check_is_refused(program, secretary):
    dated_program(program, secretary)
    today = timezone.localdate()
    auditor = auditor_with_power(valid_from=today - datetime.timedelta(days=10), valid_to=today)
    with pytest.raises(ValidationError) as error:
        services.team_member_add(check=program, by=secretary, user=auditor)
    assert "2.19" in messages_of(error)


def test_auditor_needs_the_dates_first(program, secretary, auditor):
    with pytest.raises(ValidationError):
        services.team_member_add(check=program, by=secretary, user=auditor)


def test_moving_the_dates_beyond_the_power_is_refused(ready_program, secretary):
    later = timezone.localdate() + datetime.timedelta(days=400)
    with pytest.raises(ValidationError) as error:
        services.program_update(
            check=ready_program,
            by=secretary,
            data={"start_date": later, "end_date": later + datetime.timedelta(days=1)},
        )
    assert "2.19" in messages_of(error)


def test_commission_member_needs_no_power_of_attorney(ready_program, secretary, commission):
    member = services.team_member_add(
        check=ready_program, by=secretary, user=commission[0], position="Член комиссии"
    )
    assert member.position == "Член комиссии"


def test_start_is_refused_when_the_power_was_shortened(approved, auditor, secretary):
    auditor.powers_of_attorney.update(valid_to=timezone.localdate())
    with pytest.raises(StateConflict) as error:
        services.check_start(check=approved, by=secretary)
    assert "2.19" in messages_of(error)


# --- approval («УТВЕРЖДАЮ») and the start ---


def test_head_approves_the_program(approved, head):
    assert (approved.state, approved.approved_by) == (CheckStatus.APPROVED, head)
    assert approved.approved_at is not None


def test_only_the_head_approves(ready_program, secretary):
    with pytest.raises(PermissionDenied):
        services.program_approve(check=ready_program, by=secretary)


def test_incomplete_program_is_not_approved(program, head):
    with pytest.raises(StateConflict) as error:
        services.program_approve(check=program, by=head)
    assert "Д, " in messages_of(error)  # «Annex Д, part …» in either language


def test_approved_program_cannot_be_changed(approved, secretary):
    with pytest.raises(StateConflict):
        services.program_update(check=approved, by=secretary, data={"purpose": "Другая цель"})


def test_approved_team_cannot_be_changed(approved, secretary, commission):
    with pytest.raises(StateConflict):
        services.team_member_add(
            check=approved, by=secretary, user=commission[0], position="Член комиссии"
        )


def test_check_cannot_start_before_approval(ready_program, secretary):
    with pytest.raises(StateConflict) as error:
        services.check_start(check=ready_program, by=secretary)
    assert "8.13" in messages_of(error)


def test_approved_check_starts(started, auditor):
    assert (started.state, started.started_by) == (CheckStatus.IN_PROGRESS, auditor)


def test_outsider_auditor_cannot_start(approved):
    with pytest.raises(PermissionDenied):
        services.check_start(check=approved, by=auditor_with_power())


def test_approval_notifies_the_applicant(approved, applicant):
    assert applicant.notifications.filter(key=f"check-approved:{approved.pk}").exists()
