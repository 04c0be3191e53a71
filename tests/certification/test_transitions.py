"""The application state machine: each transition and its refusals (GOST 8.7–8.10)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_fsm import TransitionNotAllowed

from certification import services
from certification.models import AppState, DocumentType
from halal_portal.errors import StateConflict
from tests.factories import add_product, normative_document
from tests.files import pdf_upload


def test_complete_draft_submits(complete_draft, applicant):
    application = services.application_submit(application=complete_draft, by=applicant)
    assert application.state == AppState.SUBMITTED
    assert application.submitted_at is not None


def test_submit_refused_while_incomplete(draft, applicant):
    # GOST 8.7–8.9: no products, documents or declaration yet.
    with pytest.raises(TransitionNotAllowed):
        services.application_submit(application=draft, by=applicant)
    draft.refresh_from_db()
    assert draft.state == AppState.DRAFT


def test_outsider_cannot_submit(complete_draft, outsider):
    with pytest.raises(PermissionDenied):
        services.application_submit(application=complete_draft, by=outsider)


def test_submitted_application_is_read_only(complete_draft, applicant):
    services.application_submit(application=complete_draft, by=applicant)
    with pytest.raises(StateConflict):
        add_product(complete_draft, applicant, name="Халва")


def test_submit_twice_is_refused(complete_draft, applicant):
    services.application_submit(application=complete_draft, by=applicant)
    with pytest.raises(TransitionNotAllowed):
        services.application_submit(application=complete_draft, by=applicant)


def test_secretary_returns_and_applicant_resubmits(complete_draft, applicant, secretary):
    services.application_submit(application=complete_draft, by=applicant)
    returned = services.application_return(
        application=complete_draft, by=secretary, comment="Нет протоколов испытаний"
    )
    assert returned.state == AppState.RETURNED
    resubmitted = services.application_submit(application=returned, by=applicant)
    assert resubmitted.state == AppState.SUBMITTED


def test_returned_application_is_editable(complete_draft, applicant, secretary):
    services.application_submit(application=complete_draft, by=applicant)
    services.application_return(application=complete_draft, by=secretary, comment="Дополнить")
    complete_draft.refresh_from_db()
    assert add_product(complete_draft, applicant, name="Халва").pk


def test_return_needs_a_comment(complete_draft, applicant, secretary):
    services.application_submit(application=complete_draft, by=applicant)
    with pytest.raises(ValidationError):
        services.application_return(application=complete_draft, by=secretary, comment=" ")


def test_applicant_cannot_return(complete_draft, applicant):
    services.application_submit(application=complete_draft, by=applicant)
    with pytest.raises(PermissionDenied):
        services.application_return(application=complete_draft, by=applicant, comment="x")


def test_draft_cannot_be_returned(draft, secretary):
    with pytest.raises(TransitionNotAllowed):
        services.application_return(application=draft, by=secretary, comment="x")


def test_every_transition_is_logged(complete_draft, applicant, secretary):
    services.application_submit(application=complete_draft, by=applicant)
    services.application_return(application=complete_draft, by=secretary, comment="Дополнить")
    log = list(complete_draft.transitions.values_list("source", "target", "by", "comment"))
    assert log[1:] == [
        (AppState.DRAFT, AppState.SUBMITTED, applicant.pk, ""),
        (AppState.SUBMITTED, AppState.RETURNED, secretary.pk, "Дополнить"),
    ]


def test_state_cannot_be_assigned_directly(draft):
    # protected=True: only transitions move the state.
    with pytest.raises(AttributeError):
        draft.state = AppState.CERTIFIED


def test_withdraw_draft(draft, applicant):
    assert services.application_withdraw(application=draft, by=applicant).state == "withdrawn"


def test_changing_products_voids_the_declaration(complete_draft, applicant):
    # GOST 8.9: the declaration covers the products it was signed for.
    add_product(complete_draft, applicant, name="Халва", normative_document=normative_document())
    with pytest.raises(TransitionNotAllowed):
        services.application_submit(application=complete_draft, by=applicant)


def test_replacing_a_file_keeps_the_previous_version(complete_draft, applicant):
    old = complete_draft.files.filter(superseded_at__isnull=True).first()
    new = services.dossier_file_add(
        application=complete_draft,
        document_type=old.document_type,
        upload=pdf_upload("новая версия.pdf"),
        by=applicant,
        replaces=old,
    )
    old.refresh_from_db()
    assert (new.version, new.previous_id, old.is_current) == (2, old.pk, False)


def test_declaration_is_not_uploaded(draft, applicant):
    with pytest.raises(ValidationError):
        services.dossier_file_add(
            application=draft,
            document_type=DocumentType.objects.get(code="declaration"),
            upload=pdf_upload(),
            by=applicant,
        )
