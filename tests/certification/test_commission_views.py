"""The commission's pages (GOST 8.10–8.17): the secretary, the members, the meeting and its vote."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certification import rules, selectors, services
from certification.models import AgendaItem, AppState, Meeting, Remark, Review, Vote


def url(name, **kwargs) -> str:
    return reverse(f"certification:{name}", kwargs=kwargs)


@pytest.fixture
def submitted(complete_draft, applicant):
    return services.application_submit(application=complete_draft, by=applicant)


@pytest.fixture
def meeting(under_review, secretary, commission):
    meeting = services.meeting_create(by=secretary, date=timezone.localdate())
    services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    return meeting


@pytest.fixture
def item(meeting, secretary, under_review):
    return services.agenda_item_add(
        meeting=meeting, by=secretary, application=under_review, question="proceed"
    )


# --- document review (GOST 8.10–8.12) --------------------------------------------------------


def test_secretary_registers_via_the_page(client, secretary, submitted, commission):
    client.force_login(secretary)
    response = client.post(
        url("application-register", pk=submitted.pk),
        {"members-members": [m.pk for m in commission]},
    )
    submitted.refresh_from_db()
    assert response.status_code == 302
    assert submitted.state == AppState.DOCUMENT_REVIEW
    assert set(submitted.commission_members.all()) == set(commission)


def test_registration_with_too_few_members_is_400(client, secretary, submitted, commission):
    # GOST 8.3: the commission has at least COMMISSION_MIN_MEMBERS members.
    client.force_login(secretary)
    response = client.post(
        url("application-register", pk=submitted.pk), {"members-members": [commission[0].pk]}
    )
    submitted.refresh_from_db()
    assert response.status_code == 400
    assert submitted.state == AppState.SUBMITTED


def test_secretary_sees_the_register_form_on_the_application(client, secretary, submitted):
    client.force_login(secretary)
    response = client.get(submitted.get_absolute_url())
    assert url("application-register", pk=submitted.pk) in response.content.decode()


def test_member_cannot_change_the_commission(client, under_review, commission):
    client.force_login(commission[0])
    response = client.post(
        url("application-assign", pk=under_review.pk),
        {"members-members": [m.pk for m in commission]},
    )
    assert response.status_code == 403


def test_registering_twice_is_a_message_not_an_error(client, secretary, under_review, commission):
    client.force_login(secretary)
    response = client.post(
        url("application-register", pk=under_review.pk),
        {"members-members": [m.pk for m in commission]},
        follow=True,
    )
    levels = [m.level_tag for m in response.context["messages"]]
    assert (response.status_code, levels) == (200, ["error"])


def test_member_saves_a_review(client, under_review, commission):
    client.force_login(commission[0])
    response = client.post(
        url("application-review", pk=under_review.pk),
        {"review-recommendation": "production_check", "review-text": "Документы в порядке"},
    )
    assert response.status_code == 302
    assert Review.objects.get(member=commission[0]).text == "Документы в порядке"


def test_member_sees_their_review_prefilled(client, under_review, commission):
    services.review_save(
        application=under_review,
        member=commission[0],
        recommendation="refuse",
        text="Нет ветеринарных документов",
    )
    client.force_login(commission[0])
    response = client.get(under_review.get_absolute_url())
    assert "Нет ветеринарных документов</textarea>" in response.content.decode()


def test_review_without_findings_is_400(client, under_review, commission):
    client.force_login(commission[0])
    response = client.post(
        url("application-review", pk=under_review.pk),
        {"review-recommendation": "production_check", "review-text": ""},
    )
    assert response.status_code == 400


def test_secretary_cannot_write_a_members_review(client, secretary, under_review):
    client.force_login(secretary)
    response = client.get(url("application-review", pk=under_review.pk))
    assert response.status_code == 403


def test_return_with_remarks_per_document(client, secretary, under_review):
    doc_type = under_review.files.first().document_type
    client.force_login(secretary)
    client.post(
        url("application-remarks", pk=under_review.pk),
        {"return-comment": "", f"return-remark_{doc_type.pk}": "Нет печати на уставе"},
    )
    remark = Remark.objects.get()
    assert (remark.document_type, remark.text) == (doc_type, "Нет печати на уставе")
    page = client.get(under_review.get_absolute_url()).content.decode()
    assert "Нет печати на уставе" in page


def test_return_without_any_remark_is_400(client, secretary, under_review):
    client.force_login(secretary)
    response = client.post(url("application-remarks", pk=under_review.pk), {"return-comment": ""})
    under_review.refresh_from_db()
    assert response.status_code == 400
    assert under_review.state == AppState.DOCUMENT_REVIEW


def test_refusal_conclusion_without_grounds_is_400(client, secretary, under_review):
    # GOST 8.12: a refusal states its grounds.
    client.force_login(secretary)
    response = client.post(
        url("application-conclusion", pk=under_review.pk),
        {"conclusion-outcome": "refuse", "conclusion-text": "Отказать", "conclusion-grounds": ""},
    )
    assert response.status_code == 400


def test_secretary_saves_the_conclusion(client, secretary, under_review):
    client.force_login(secretary)
    client.post(
        url("application-conclusion", pk=under_review.pk),
        {"conclusion-outcome": "production_check", "conclusion-text": "Рекомендовать проверку"},
    )
    under_review.refresh_from_db()
    assert under_review.conclusion.text == "Рекомендовать проверку"


def test_awaiting_lists_the_dossier_to_review_and_the_vote(client, item, commission):
    client.force_login(commission[0])
    page = client.get(url("awaiting")).content.decode()
    assert url("application-detail", pk=item.application_id) + "#my-review" in page
    assert f"#item-{item.pk}" in page


def test_awaiting_drops_what_the_member_has_done(client, item, commission):
    services.review_save(
        application=item.application, member=commission[0], recommendation="refuse", text="Нет"
    )
    services.vote_cast(item=item, member=commission[0], choice="for")
    client.force_login(commission[0])
    page = client.get(url("awaiting")).content.decode()
    assert f"#item-{item.pk}" not in page
    assert url("application-detail", pk=item.application_id) + "#my-review" not in page


def test_queue_shows_days_in_status(client, secretary, under_review):
    under_review.state_changed_at = timezone.now() - datetime.timedelta(days=12, hours=3)
    under_review.save(update_fields=["state_changed_at"])
    client.force_login(secretary)
    page = client.get(url("queue")).content.decode()
    assert ">12</td>" in page


# --- meetings and votes (GOST 8.3, 8.13–8.17) -------------------------------------------------


def test_secretary_plans_a_meeting(client, secretary, commission):
    client.force_login(secretary)
    response = client.post(
        url("meeting-create"),
        {
            "meeting-date": "2026-03-02",
            "meeting-place": "Казань",
            "meeting-chair": commission[0].pk,
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert (meeting.place, meeting.chair, meeting.secretary) == ("Казань", commission[0], secretary)


def test_member_cannot_plan_a_meeting(client, commission):
    client.force_login(commission[0])
    response = client.post(url("meeting-create"), {"meeting-date": "2026-03-02"})
    assert response.status_code == 403


def test_secretary_marks_members_present(client, secretary, commission):
    meeting = services.meeting_create(by=secretary, date=timezone.localdate())
    client.force_login(secretary)
    client.post(
        url("meeting-present", pk=meeting.pk),
        {"present-members": [m.pk for m in commission[:2]]},
    )
    assert set(meeting.members_present.all()) == set(commission[:2])


def test_secretary_adds_an_item_via_the_page(client, secretary, meeting, under_review):
    client.force_login(secretary)
    response = client.post(
        url("meeting-item-add", pk=meeting.pk),
        {"item-application": under_review.pk, "item-question": "proceed"},
    )
    assert response.status_code == 302
    assert meeting.items.get().question == "proceed"


def test_item_that_does_not_fit_the_state_is_400(client, secretary, meeting, under_review):
    # GOST 8.16: a suspension needs a deadline; and document review is not suspended anyway.
    client.force_login(secretary)
    response = client.post(
        url("meeting-item-add", pk=meeting.pk),
        {"item-application": under_review.pk, "item-question": "suspend"},
    )
    assert response.status_code == 400
    assert not meeting.items.exists()


def test_issue_form_prefills_two_years_of_validity(client, secretary, meeting):
    # GOST 8.6
    client.force_login(secretary)
    form = client.get(meeting.get_absolute_url()).context["item_form"]
    valid_from = form.fields["valid_from"].initial
    assert form.fields["valid_to"].initial == rules.max_valid_to(valid_from)


def test_secretary_removes_an_item(client, secretary, item):
    client.force_login(secretary)
    client.post(url("meeting-item-remove", pk=item.meeting_id, item_pk=item.pk))
    assert not AgendaItem.objects.exists()


def test_members_vote_via_the_page(client, item, commission):
    for member in commission:
        client.force_login(member)
        client.post(url("meeting-vote", pk=item.meeting_id, item_pk=item.pk), {"choice": "for"})
    assert selectors.tally(item)["for"] == 3


def test_double_post_keeps_one_vote(client, item, commission):
    client.force_login(commission[0])
    vote_url = url("meeting-vote", pk=item.meeting_id, item_pk=item.pk)
    client.post(vote_url, {"choice": "for"})
    client.post(vote_url, {"choice": "against", "comment": "Передумал"})
    assert list(Vote.objects.values_list("choice", flat=True)) == ["against"]


def test_member_sees_their_current_vote(client, item, commission):
    services.vote_cast(item=item, member=commission[0], choice="abstain")
    client.force_login(commission[0])
    response = client.get(item.meeting.get_absolute_url())
    assert response.context["rows"][0]["my_vote"].choice == "abstain"
    assert 'value="abstain" class="button secondary" aria-pressed="true"' in (
        response.content.decode()
    )


def test_recused_member_is_told_why(client, item, commission):
    # ISO/IEC 17065 7.5: who took part in the production check does not vote on it.
    from audits.models import ProductionCheck

    ProductionCheck.objects.create(application=item.application).participants.add(commission[0])
    client.force_login(commission[0])
    response = client.get(item.meeting.get_absolute_url())
    assert response.context["rows"][0]["vote_status"] == "recused"
    assert url("meeting-vote", pk=item.meeting_id, item_pk=item.pk) not in (
        response.content.decode()
    )


def test_json_tally(client, item, commission):
    services.vote_cast(item=item, member=commission[0], choice="for")
    services.vote_cast(item=item, member=commission[1], choice="for")
    client.force_login(commission[2])
    data = client.get(item.meeting.get_absolute_url(), HTTP_ACCEPT="application/json").json()
    assert data["closed"] is False
    assert {k: data["items"][0][k] for k in ("id", "for", "quorum", "adopted")} == {
        "id": item.pk,
        "for": 2,
        "quorum": True,
        "adopted": True,
    }


def test_close_shows_the_protocol_and_applies_the_decision(client, secretary, item, commission):
    for member in commission:
        services.vote_cast(item=item, member=member, choice="for")
    client.force_login(secretary)
    response = client.post(url("meeting-close", pk=item.meeting_id), follow=True)
    item.meeting.refresh_from_db()
    item.application.refresh_from_db()
    assert item.meeting.protocol_reference in response.content.decode()
    assert item.application.state == AppState.PRODUCTION_CHECK


def test_closed_meeting_is_read_only(client, secretary, item, commission):
    services.meeting_close(meeting=item.meeting, by=secretary)
    client.force_login(secretary)
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert url("meeting-close", pk=item.meeting_id) not in page
    assert url("meeting-item-add", pk=item.meeting_id) not in page


def test_closing_an_empty_meeting_is_a_message(client, secretary, meeting):
    client.force_login(secretary)
    response = client.post(url("meeting-close", pk=meeting.pk), follow=True)
    meeting.refresh_from_db()
    assert response.status_code == 200
    assert not meeting.is_closed


def test_member_cannot_close_the_meeting(client, item, commission):
    client.force_login(commission[0])
    response = client.post(url("meeting-close", pk=item.meeting_id))
    assert response.status_code == 403


def test_member_cannot_add_items(client, meeting, under_review, commission):
    client.force_login(commission[0])
    response = client.post(
        url("meeting-item-add", pk=meeting.pk),
        {"item-application": under_review.pk, "item-question": "proceed"},
    )
    assert response.status_code == 403
