"""The commission's path from «Подана» to a certificate or a refusal (GOST 8.10–8.17)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from certification import services
from certification.models import AppState, Certificate, Remark
from tests.certification.workflow import check_production, correct, decide, issue


def test_registration_needs_three_members(complete_draft, applicant, secretary, commission):
    services.application_submit(application=complete_draft, by=applicant)
    with pytest.raises(ValidationError):
        services.application_register(
            application=complete_draft, by=secretary, members=commission[:2]
        )


def test_registration_starts_the_document_review(under_review):
    assert under_review.state == AppState.DOCUMENT_REVIEW


def test_only_the_secretary_registers(complete_draft, applicant, commission):
    services.application_submit(application=complete_draft, by=applicant)
    with pytest.raises(PermissionDenied):
        services.application_register(
            application=complete_draft, by=commission[0], members=commission
        )


def test_return_with_remarks_per_document(under_review, secretary, applicant):
    doc_type = under_review.files.first().document_type
    services.application_return(
        application=under_review, by=secretary, comment="", remarks=[(doc_type, "Нет печати")]
    )
    remark = Remark.objects.get()
    assert (remark.document_type, under_review.state) == (doc_type, AppState.RETURNED)


def test_resubmission_closes_the_remarks(under_review, secretary, applicant):
    services.application_return(application=under_review, by=secretary, comment="Дополнить")
    Remark.objects.create(application=under_review, text="Нет печати", by=secretary)
    services.application_submit(application=under_review, by=applicant)
    assert not Remark.objects.filter(closed_at__isnull=True).exists()


def test_only_assigned_members_review(under_review, db):
    from tests.factories import UserFactory

    stranger = UserFactory(role_commission=True)
    with pytest.raises(PermissionDenied):
        services.review_save(
            application=under_review, member=stranger, recommendation="refuse", text="Нет"
        )


def test_review_is_one_per_member(under_review, commission):
    for text in ("Первый вариант", "Исправленный"):
        services.review_save(
            application=under_review,
            member=commission[0],
            recommendation="production_check",
            text=text,
        )
    assert under_review.reviews.get().text == "Исправленный"


def test_refusal_conclusion_needs_grounds(under_review, secretary):
    # GOST 8.12
    with pytest.raises(ValidationError):
        services.conclusion_save(
            application=under_review, by=secretary, outcome="refuse", text="Отказать"
        )


def test_adopted_refusal_refuses(under_review, secretary, commission):
    decide(
        under_review,
        "refuse",
        secretary=secretary,
        members=commission,
        grounds="В составе продукции желатин неустановленного происхождения",
    )
    assert under_review.state == AppState.REFUSED


def test_refusal_reaches_the_applicant_with_grounds(under_review, secretary, commission, applicant):
    decide(under_review, "refuse", secretary=secretary, members=commission, grounds="Желатин")
    notification = applicant.notifications.filter(key__startswith="decision:").get()
    assert "Желатин" in notification.body


def test_rejected_question_changes_nothing(under_review, secretary, commission):
    item = decide(
        under_review,
        "refuse",
        secretary=secretary,
        members=commission,
        grounds="x",
        votes=["against", "against", "for"],
    )
    assert (item.adopted, under_review.state) == (False, AppState.DOCUMENT_REVIEW)


def test_no_quorum_decides_nothing(under_review, secretary, commission):
    # Quorum: more than half of the three assigned members, i.e. two.
    item = decide(under_review, "proceed", secretary=secretary, members=commission[:1])
    assert (item.adopted, under_review.state) == (False, AppState.DOCUMENT_REVIEW)


def test_two_of_three_make_a_quorum(under_review, secretary, commission):
    decide(under_review, "proceed", secretary=secretary, members=commission[:2])
    assert under_review.state == AppState.PRODUCTION_CHECK


def test_abstentions_count_as_cast(under_review, secretary, commission):
    item = decide(
        under_review,
        "proceed",
        secretary=secretary,
        members=commission,
        votes=["for", "abstain", "abstain"],
    )
    assert item.adopted is False


def test_certificate_issued_with_number_and_protocol(under_review, secretary, commission):
    item = issue(under_review, secretary=secretary, members=commission)
    certificate = under_review.certificate
    assert certificate.number == "ХП.00001"
    assert certificate.meeting.protocol_number == item.meeting.protocol_number


def test_certificate_carries_manufacturer_and_products(under_review, secretary, commission):
    issue(under_review, secretary=secretary, members=commission)
    certificate = under_review.certificate
    assert certificate.manufacturer_country == under_review.country
    assert [p.batch_text for p in certificate.products.all()] == ["серийное производство"]


def test_validity_over_two_years_is_refused(under_review, secretary, commission):
    # GOST 8.6
    decide(under_review, "proceed", secretary=secretary, members=commission)
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    start = datetime.date(2026, 1, 1)
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            meeting=meeting,
            by=secretary,
            application=under_review,
            question="issue",
            valid_from=start,
            valid_to=datetime.date(2028, 1, 1),
        )


def test_validity_of_exactly_two_years_is_allowed(under_review, secretary, commission):
    decide(under_review, "proceed", secretary=secretary, members=commission)
    check_production(under_review, secretary=secretary)
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    item = services.agenda_item_add(
        meeting=meeting,
        by=secretary,
        application=under_review,
        question="issue",
        valid_from=datetime.date(2026, 1, 1),
        valid_to=datetime.date(2027, 12, 31),
    )
    assert item.pk


def test_question_must_fit_the_state(under_review, secretary, commission):
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            meeting=meeting, by=secretary, application=under_review, question="resume"
        )


def test_closed_meeting_freezes_votes(under_review, secretary, commission):
    item = decide(under_review, "proceed", secretary=secretary, members=commission)
    with pytest.raises(ValidationError):
        services.vote_cast(item=item, member=commission[0], choice="against")


def test_protocols_are_numbered_in_sequence(under_review, secretary, commission):
    first = decide(under_review, "proceed", secretary=secretary, members=commission).meeting
    second = decide(
        under_review,
        "suspend",
        secretary=secretary,
        members=commission,
        grounds="Нет журнала санитарной обработки",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    ).meeting
    assert second.protocol_number == first.protocol_number + 1


def test_absent_member_cannot_vote(under_review, secretary, commission):
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    services.meeting_set_present(meeting=meeting, by=secretary, members=commission[:2])
    item = services.agenda_item_add(
        meeting=meeting, by=secretary, application=under_review, question="proceed"
    )
    with pytest.raises(PermissionDenied):
        services.vote_cast(item=item, member=commission[2], choice="for")


def test_auditor_of_the_check_is_recused(under_review, secretary, commission):
    # ISO/IEC 17065 7.5: who took part in the production check does not decide.
    from audits.models import ProductionCheck

    decide(under_review, "proceed", secretary=secretary, members=commission)
    check = ProductionCheck.objects.create(application=under_review)
    check.participants.add(commission[0])
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    item = services.agenda_item_add(
        meeting=meeting,
        by=secretary,
        application=under_review,
        question="suspend",
        grounds="Нет журнала санитарной обработки",
        deadline=timezone.localdate() + datetime.timedelta(30),
    )
    with pytest.raises(PermissionDenied):
        services.vote_cast(item=item, member=commission[0], choice="for")


def test_second_vote_replaces_the_first(under_review, secretary, commission):
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    item = services.agenda_item_add(
        meeting=meeting, by=secretary, application=under_review, question="proceed"
    )
    services.vote_cast(item=item, member=commission[0], choice="for")
    services.vote_cast(item=item, member=commission[0], choice="against")
    assert list(item.votes.values_list("choice", flat=True)) == ["against"]


def test_suspension_records_nonconformities_and_deadline(under_review, secretary, commission):
    decide(under_review, "proceed", secretary=secretary, members=commission)
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    decide(
        under_review,
        "suspend",
        secretary=secretary,
        members=commission,
        grounds="Нет журнала санитарной обработки\nНет видеозаписи убоя",
        deadline=deadline,
    )
    assert under_review.state == AppState.SUSPENDED
    assert under_review.nonconformities.filter(deadline=deadline).count() == 2


def test_termination_waits_for_the_deadline(under_review, secretary, commission):
    # GOST 8.16
    decide(under_review, "proceed", secretary=secretary, members=commission)
    decide(
        under_review,
        "suspend",
        secretary=secretary,
        members=commission,
        grounds="Журнал",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            meeting=meeting, by=secretary, application=under_review, question="terminate"
        )


def test_resumption_returns_to_the_check(under_review, secretary, commission):
    decide(under_review, "proceed", secretary=secretary, members=commission)
    decide(
        under_review,
        "suspend",
        secretary=secretary,
        members=commission,
        grounds="Журнал",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    correct(under_review, secretary=secretary)  # GOST 8.16: accepted corrective actions first
    decide(under_review, "resume", secretary=secretary, members=commission, recheck_required=True)
    assert (under_review.state, under_review.recheck_required) == (
        AppState.PRODUCTION_CHECK,
        True,
    )


def test_certificate_suspended_and_withdrawn_with_protocol(under_review, secretary, commission):
    issue(under_review, secretary=secretary, members=commission)
    item = decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    certificate = Certificate.objects.get()
    assert certificate.status == "suspended"
    assert certificate.events.last().meeting == item.meeting
    decide(under_review, "withdraw_certificate", secretary=secretary, members=commission)
    certificate.refresh_from_db()
    assert certificate.status == "withdrawn"


def test_decision_transitions_cannot_be_fired_by_the_applicant(under_review, applicant):
    with pytest.raises(PermissionDenied):
        services.application.__dict__  # noqa: B018 - keep the import used
        from certification.services.application import _transition

        _transition(under_review, "proceed_to_check", by=applicant)


def test_terminated_cannot_be_certified(under_review, secretary, commission):
    decide(under_review, "refuse", secretary=secretary, members=commission, grounds="x")
    with pytest.raises(TransitionNotAllowed):
        from certification.services.application import _transition

        _transition(under_review, "certify", by=secretary)
