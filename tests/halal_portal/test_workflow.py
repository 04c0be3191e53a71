"""The one way to change state (halal_portal/workflow.py), on the application's machine: the
row is locked and read afresh, permission comes before the state and the conditions, a refusal
is a StateConflict with its reason, and every transition leaves who/when/from/to/why."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_fsm import TransitionNotAllowed

from certification.models import Application, AppState, TransitionLog
from halal_portal import workflow
from halal_portal.errors import StateConflict


def test_a_transition_moves_the_state_and_logs_who_when_from_to_and_why(complete_draft, applicant):
    workflow.fire(complete_draft, "withdraw", by=applicant, comment="Передумали")
    entry = complete_draft.transitions.last()
    assert (entry.transition, entry.source, entry.target, entry.by, entry.comment) == (
        "withdraw",
        AppState.DRAFT,
        AppState.WITHDRAWN,
        applicant,
        "Передумали",
    )
    assert Application.objects.get(pk=complete_draft.pk).state == AppState.WITHDRAWN


def test_the_time_of_the_transition_is_the_logs_and_the_state_since(complete_draft, applicant):
    workflow.fire(complete_draft, "withdraw", by=applicant)
    complete_draft.refresh_from_db()
    assert complete_draft.state_changed_at == complete_draft.transitions.last().at


def test_the_row_is_locked_before_anything_is_read(complete_draft, applicant):
    with CaptureQueriesContext(connection) as queries:
        workflow.fire(complete_draft, "withdraw", by=applicant)
    table = Application._meta.db_table
    first = next(q["sql"] for q in queries.captured_queries if table in q["sql"])
    assert "FOR UPDATE" in first


def test_a_stale_copy_is_read_afresh_and_refused(complete_draft, applicant):
    stale = Application.objects.get(pk=complete_draft.pk)
    workflow.fire(complete_draft, "submit", by=applicant)
    with pytest.raises(StateConflict):
        workflow.fire(stale, "submit", by=applicant)
    assert stale.state == AppState.SUBMITTED  # read afresh, in place
    assert complete_draft.transitions.filter(transition="submit").count() == 1


def test_a_refusal_by_the_state_is_a_conflict_with_its_reason(complete_draft, applicant):
    workflow.fire(complete_draft, "withdraw", by=applicant)
    with pytest.raises(StateConflict) as error:
        workflow.fire(complete_draft, "withdraw", by=applicant, refusal="Уже отозвана.")
    assert error.value.messages == ["Уже отозвана."]
    assert isinstance(error.value, TransitionNotAllowed)  # django-fsm's own kind


def test_a_refusal_by_the_conditions_explains_itself_through_the_locked_object(draft, applicant):
    # GOST 8.7–8.9: a draft without products, documents or declaration is not submitted.
    with pytest.raises(StateConflict) as error:
        workflow.fire(
            draft, "submit", by=applicant, refusal=lambda application: [application.number]
        )
    assert error.value.messages == [draft.number]
    assert not draft.transitions.filter(transition="submit").exists()


def test_permission_is_asked_before_the_conditions(draft, outsider):
    # The draft's conditions fail too: the outsider hears only that they may not.
    with pytest.raises(PermissionDenied):
        workflow.fire(draft, "submit", by=outsider)


def test_permission_is_asked_before_the_state(complete_draft, outsider, applicant):
    workflow.fire(complete_draft, "withdraw", by=applicant)
    # No transition leaves «withdrawn»: still the outsider learns nothing about the state.
    with pytest.raises(PermissionDenied):
        workflow.fire(complete_draft, "submit", by=outsider)


def test_the_requests_own_input_is_checked_after_the_state_and_nothing_is_written(
    complete_draft, applicant
):
    def refuse(application):
        raise ValidationError({"comment": ["Укажите причину."]})

    with pytest.raises(ValidationError):
        workflow.fire(complete_draft, "withdraw", by=applicant, validate=refuse)
    complete_draft.refresh_from_db()
    assert complete_draft.state == AppState.DRAFT
    assert not complete_draft.transitions.filter(transition="withdraw").exists()


def test_an_event_that_keeps_the_state_is_logged_with_source_equal_to_target(draft, applicant):
    entry = workflow.record(draft, "create", by=applicant)
    assert (entry.source, entry.target, entry.application) == (AppState.DRAFT,) * 2 + (draft,)


def test_the_log_of_a_machine_is_found_by_its_foreign_key():
    assert workflow.log_model(Application) == (TransitionLog, "application")


def test_a_log_entry_reads_its_states_by_their_labels(complete_draft, applicant):
    workflow.fire(complete_draft, "withdraw", by=applicant)
    entry = complete_draft.transitions.last()
    assert (entry.source_label, entry.target_label) == (
        str(AppState.DRAFT.label),
        str(AppState.WITHDRAWN.label),
    )


def test_actions_are_what_the_state_and_the_permission_allow(draft, applicant, outsider):
    assert workflow.actions(draft, applicant) == {"submit", "withdraw"}
    assert workflow.actions(draft, outsider) == set()


def test_actions_with_their_conditions_are_django_fsms_available_transitions(draft, applicant):
    # The empty draft may not be submitted yet (GOST 8.7–8.9).
    assert workflow.actions(draft, applicant, conditions=True) == {"withdraw"}


def test_the_template_tag_offers_the_users_transitions(draft, applicant):
    request = RequestFactory().get("/")
    request.user = applicant
    template = Template(
        "{% load workflow %}{% transitions application as actions %}"
        "{% if 'withdraw' in actions %}withdraw{% endif %}"
        "{% if 'register' in actions %}register{% endif %}"
    )
    assert template.render(Context({"request": request, "application": draft})) == "withdraw"


def test_nothing_in_the_project_reads_django_fsms_private_attributes():
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if ".venv" not in path.parts
        and path.name != Path(__file__).name
        and "._django_fsm" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
