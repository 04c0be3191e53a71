"""One error taxonomy (halal_portal/errors.py): a state conflict is 409, a permission 403, bad
input 400 with its fields — in the API by one exception handler, translated; on pages a message
(and a 409 page for a conflict no view turned into a message: tests/audits/test_views.py)."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed
from rest_framework.test import APIClient

from certification import services
from certification.models import AppState
from halal_portal.errors import NOT_NOW, StateConflict, api_exception_handler, refusal_status


def handled(error):
    return api_exception_handler(error, {})


def test_a_state_conflict_is_409_with_its_reason():
    response = handled(StateConflict("Заседание закрыто."))
    assert (response.status_code, response.data) == (409, {"detail": "Заседание закрыто."})


def test_a_conflict_with_several_reasons_lists_them():
    response = handled(StateConflict(["Нет продукции.", "Нет декларации."]))
    assert response.data["reasons"] == ["Нет продукции.", "Нет декларации."]


def test_django_fsms_own_refusal_is_409_with_a_message_for_users():
    response = handled(TransitionNotAllowed("Can't switch from state 'draft'"))
    assert (response.status_code, response.data["detail"]) == (409, str(NOT_NOW))


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_conflicts_message_is_in_the_language_of_the_reader(language):
    error = StateConflict(NOT_NOW)  # lazy: translated when shown, not when raised
    with translation.override(language):
        assert handled(error).data["detail"] == _(
            "This action is not allowed in the current state."
        )


def test_the_two_languages_differ():
    with translation.override("ru"):
        russian = handled(TransitionNotAllowed()).data["detail"]
    with translation.override("en"):
        english = handled(TransitionNotAllowed()).data["detail"]
    assert russian != english


def test_a_permission_refusal_is_403():
    response = handled(PermissionDenied())
    assert response.status_code == 403
    assert response.data["detail"] == _("You do not have permission to perform this action.")


def test_bad_input_is_400_by_field():
    response = handled(ValidationError({"name": ["Плохое имя."], NON_FIELD_ERRORS: ["Иначе."]}))
    assert (response.status_code, response.data) == (
        400,
        {"name": ["Плохое имя."], "non_field_errors": ["Иначе."]},
    )


def test_bad_input_without_a_field_is_400_with_its_messages():
    response = handled(ValidationError("Плохо."))
    assert (response.status_code, response.data) == (400, {"detail": ["Плохо."]})


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (StateConflict(), 409),
        (TransitionNotAllowed(), 409),
        (PermissionDenied(), 403),
        (ValidationError("x"), 400),
    ],
)
def test_a_page_answers_each_kind_of_refusal_with_its_status(error, status):
    assert refusal_status(error) == status


# --- through the API and the pages ---


@pytest.fixture
def api(applicant):
    client = APIClient()
    client.force_authenticate(applicant)
    return client


def test_editing_a_submitted_application_in_the_api_is_a_conflict(api, complete_draft, applicant):
    services.application_submit(application=complete_draft, by=applicant)
    url = reverse("application-detail", kwargs={"pk": complete_draft.pk})
    response = api.patch(url, {"phone": "+7 843 000-00-00"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == _("The application is %(state)s and cannot be changed.") % {
        "state": AppState.SUBMITTED.label.lower()
    }


def test_withdrawing_twice_on_the_page_says_why(client, complete_draft, applicant):
    services.application_withdraw(application=complete_draft, by=applicant)
    client.force_login(applicant)
    url = reverse("certification:application-withdraw", kwargs={"pk": complete_draft.pk})
    response = client.post(url, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [_("This application cannot be withdrawn in its current status.")]
