"""The production-check act (GOST 8.16, Annex Ж): its fields, item results, nonconformities with
deadlines, the signatures in order and who sees it when."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audits import services
from audits.models import (
    ActState,
    ItemResult,
    ItemStatus,
    Nonconformity,
    Severity,
)
from tests.audits.helpers import PRODUCTION_ACT_DATA, auditor_with_power
from tests.factories import MembershipFactory


def section_url(act, number):
    return reverse(
        "audits:act-section", kwargs={"check_pk": act.production_check_id, "section": number}
    )


def first_result(act, section=1):
    return act.results.filter(item__section__number=section).order_by("item__order").first()


def add_nonconformity(act, by, **extra):
    data = {
        "description": "Нет графика дезинфекции",
        "severity": Severity.MAJOR,
        "deadline": act.date + datetime.timedelta(days=30),
        "fixed_on_spot": False,
        **extra,
    }
    return services.nonconformity_add(result=first_result(act, 15), by=by, **data)


# --- drawing up ---


def test_act_is_drawn_up_with_a_result_per_item(production_act):
    items = production_act.checklist.sections.values_list("items", flat=True)
    assert production_act.results.count() == items.count() == 78 + 19  # Annex Ж and 7.1–7.5
    assert set(production_act.results.values_list("result", flat=True)) == {"not_checked"}


def test_act_header_is_prefilled_from_the_program_and_the_organization(production_act):
    check = production_act.production_check
    organization = check.application.organization
    assert (production_act.purpose, production_act.period_start) == (
        check.purpose,
        check.start_date,
    )
    assert production_act.phone == organization.phone


def test_act_commission_is_prefilled_from_the_team(production_act, second_member):
    assert second_member.get_short_name() in production_act.commission


def test_act_needs_a_started_check(approved, auditor):
    with pytest.raises(ValidationError) as error:
        services.act_create(check=approved, by=auditor)
    assert error.value.code == "not_started"


def test_one_act_per_check(production_act, auditor):
    with pytest.raises(ValidationError) as error:
        services.act_create(check=production_act.production_check, by=auditor)
    assert error.value.code == "duplicate"


def test_only_an_auditor_of_the_team_draws_up_the_act(act_check, second_member):
    with pytest.raises(PermissionDenied):
        services.act_create(check=act_check, by=second_member)


# --- every field stored and shown ---


def test_every_field_of_the_act_is_stored(filled_act):
    stored = {field: getattr(filled_act, field) for field in PRODUCTION_ACT_DATA}
    assert stored == PRODUCTION_ACT_DATA


def test_every_field_of_the_act_is_shown(client, filled_act, auditor):
    client.force_login(auditor)
    page = client.get(filled_act.get_absolute_url()).content.decode()
    lines = [
        line
        for value in PRODUCTION_ACT_DATA.values()
        if isinstance(value, str)
        for line in value.splitlines()
    ]
    assert [line for line in lines if line not in page] == []


def test_the_confidentiality_statement_is_shown(client, filled_act, auditor):
    from django.utils.translation import gettext

    client.force_login(auditor)
    page = client.get(filled_act.get_absolute_url()).content.decode()
    statement = gettext(
        "The information obtained in the survey of the production is confidential and is not to "
        "be disclosed."
    )
    assert statement in page


def test_every_item_of_a_section_is_shown(client, production_act, auditor):
    client.force_login(auditor)
    page = client.get(section_url(production_act, 8)).content.decode()
    texts = [r.item.text for r in production_act.results.filter(item__section__number=8)]
    assert len(texts) == 13
    assert [t for t in texts if t not in page] == []


def test_item_result_and_comment_are_stored_and_shown(client, production_act, auditor):
    result = first_result(production_act)
    services.section_save(
        act=production_act,
        by=auditor,
        section=1,
        entries=[
            {"item": result.item_id, "result": "not_applicable", "comment": "Нет ТД", "revision": 0}
        ],
    )
    result.refresh_from_db()
    client.force_login(auditor)
    page = client.get(section_url(production_act, 1)).content.decode()
    assert (result.result, result.comment, result.revision) == ("not_applicable", "Нет ТД", 1)
    assert "Нет ТД" in page


def test_the_header_form_saves_every_field(client, production_act, auditor):
    today = timezone.localdate()
    data = {f"act-{k}": v for k, v in PRODUCTION_ACT_DATA.items() if isinstance(v, str)}
    data.update(
        {
            "act-date": today.isoformat(),
            "act-period_start": today.isoformat(),
            "act-period_end": today.isoformat(),
            "act-stable_production": "false",
            "act-copy_to_certification_body": "on",
        }
    )
    client.force_login(auditor)
    response = client.post(production_act.get_absolute_url(), data)
    production_act.refresh_from_db()
    assert response.status_code == 302
    assert (production_act.stable_production, production_act.representatives) == (
        False,
        PRODUCTION_ACT_DATA["representatives"],
    )


def test_header_form_with_bad_dates_is_refused_with_400(client, production_act, auditor):
    today = timezone.localdate()
    client.force_login(auditor)
    response = client.post(
        production_act.get_absolute_url(),
        {
            "act-date": today.isoformat(),
            "act-period_start": today.isoformat(),
            "act-period_end": (today - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400


# --- nonconformities (GOST 8.16) ---


def test_nonconformity_needs_a_deadline(production_act, auditor):
    with pytest.raises(ValidationError) as error:
        add_nonconformity(production_act, auditor, deadline=None)
    assert "8.16" in " ".join(error.value.message_dict["deadline"])


def test_nonconformity_fixed_on_the_spot_needs_no_deadline(production_act, auditor):
    nonconformity = add_nonconformity(production_act, auditor, deadline=None, fixed_on_spot=True)
    assert (nonconformity.deadline, nonconformity.fixed_on_spot) == (None, True)


def test_nonconformity_deadline_after_the_act(production_act, auditor):
    with pytest.raises(ValidationError) as error:
        add_nonconformity(production_act, auditor, deadline=production_act.date)
    assert "deadline" in error.value.message_dict


def test_nonconformity_sets_the_item_result(production_act, auditor):
    nonconformity = add_nonconformity(production_act, auditor)
    result = nonconformity.item_result
    assert result.result == ItemStatus.NONCONFORMITY
    assert nonconformity.application == production_act.production_check.application


def test_the_database_refuses_an_act_nonconformity_without_deadline(production_act):
    result = first_result(production_act)
    with pytest.raises(IntegrityError), transaction.atomic():
        Nonconformity.objects.create(
            application=production_act.production_check.application,
            item_result=result,
            description="x",
        )


def test_nonconformity_deadline_is_shown_on_the_act(client, production_act, auditor):
    nonconformity = add_nonconformity(production_act, auditor)
    client.force_login(auditor)
    page = client.get(production_act.get_absolute_url()).content.decode()
    assert nonconformity.deadline.strftime("%d.%m.%Y") in page


def test_nonconformity_form_without_deadline_is_400(client, production_act, auditor):
    result = first_result(production_act, 15)
    client.force_login(auditor)
    url = reverse(
        "audits:act-nonconformity-add",
        kwargs={"check_pk": production_act.production_check_id, "result_pk": result.pk},
    )
    response = client.post(
        url, {f"nc-{result.pk}-description": "Нет графика", f"nc-{result.pk}-severity": "major"}
    )
    assert response.status_code == 400
    assert not Nonconformity.objects.filter(item_result=result).exists()


def remove_url(nonconformity):
    act = nonconformity.item_result.act
    return reverse(
        "audits:act-nonconformity-remove",
        kwargs={"check_pk": act.production_check_id, "nonconformity_pk": nonconformity.pk},
    )


def test_a_member_who_reads_the_act_cannot_remove_its_nonconformity(
    client, production_act, auditor, second_member
):
    nonconformity = add_nonconformity(production_act, auditor)
    client.force_login(second_member)
    assert client.get(production_act.get_absolute_url()).status_code == 200
    response = client.post(remove_url(nonconformity))
    assert response.status_code == 403
    assert Nonconformity.objects.filter(pk=nonconformity.pk).exists()


def test_the_auditor_removes_a_nonconformity_from_a_draft(client, production_act, auditor):
    nonconformity = add_nonconformity(production_act, auditor)
    client.force_login(auditor)
    response = client.post(remove_url(nonconformity))
    assert response.status_code == 302
    assert not Nonconformity.objects.filter(pk=nonconformity.pk).exists()


def test_a_nonconformity_of_a_submitted_act_stays(client, filled_act, auditor):
    nonconformity = add_nonconformity(filled_act, auditor)
    services.act_submit(act=filled_act, by=auditor)
    client.force_login(auditor)
    response = client.post(remove_url(nonconformity))
    assert response.status_code == 409
    assert Nonconformity.objects.filter(pk=nonconformity.pk).exists()


def test_result_with_nonconformities_cannot_become_conforms(production_act, auditor):
    result = add_nonconformity(production_act, auditor).item_result
    with pytest.raises(ValidationError):
        services.section_save(
            act=production_act,
            by=auditor,
            section=15,
            entries=[{"item": result.item_id, "result": "conforms", "revision": result.revision}],
        )


def test_submit_needs_a_record_behind_every_nonconformity(filled_act, auditor):
    ItemResult.objects.filter(pk=first_result(filled_act).pk).update(result="nonconformity")
    with pytest.raises(ValidationError) as error:
        services.act_submit(act=filled_act, by=auditor)
    assert "8.16" in " ".join(error.value.messages)


# --- evidence ---


def test_photo_evidence_is_attached(production_act, auditor):
    from tests.files import png_upload

    evidence = services.act_evidence_add(
        result=first_result(production_act), by=auditor, upload=png_upload(), description="Цех"
    )
    assert (evidence.content_type, evidence.is_image) == ("image/png", True)


def test_a_fake_photo_is_refused(production_act, auditor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.act_evidence_add(result=first_result(production_act), by=auditor, upload=upload)
    assert "file" in error.value.message_dict
    assert not first_result(production_act).files.exists()


def test_evidence_is_downloaded_by_the_team_only(client, production_act, auditor, outsider):
    from tests.files import pdf_upload

    evidence = services.act_evidence_add(
        result=first_result(production_act), by=auditor, upload=pdf_upload()
    )
    client.force_login(outsider)
    assert client.get(evidence.get_absolute_url()).status_code == 404
    client.force_login(auditor)
    assert client.get(evidence.get_absolute_url()).status_code == 200


# --- submit, signatures in order, approval, sending, acknowledgement ---


def test_submit_lists_what_is_missing(production_act, auditor):
    with pytest.raises(ValidationError) as error:
        services.act_submit(act=production_act, by=auditor)
    messages = " ".join(error.value.messages)
    assert "20" in messages


def test_submit_moves_the_act(submitted_act, auditor):
    assert (submitted_act.state, submitted_act.submitted_by) == (ActState.SUBMITTED, auditor)


def test_submitted_act_is_not_editable(submitted_act, auditor):
    result = first_result(submitted_act)
    with pytest.raises(ValidationError) as error:
        services.section_save(
            act=submitted_act,
            by=auditor,
            section=1,
            entries=[{"item": result.item_id, "result": "conforms", "revision": result.revision}],
        )
    assert error.value.code == "state"


def test_act_is_signed_when_the_last_member_signs(submitted_act, auditor, second_member):
    services.act_sign(act=submitted_act, by=auditor)
    submitted_act.refresh_from_db()
    assert submitted_act.state == ActState.SUBMITTED
    services.act_sign(act=submitted_act, by=second_member)
    submitted_act.refresh_from_db()
    assert submitted_act.state == ActState.SIGNED


def test_a_draft_cannot_be_signed(filled_act, second_member):
    with pytest.raises(ValidationError):
        services.act_sign(act=filled_act, by=second_member)


def test_a_member_signs_once(submitted_act, auditor):
    services.act_sign(act=submitted_act, by=auditor)
    with pytest.raises(ValidationError):
        services.act_sign(act=submitted_act, by=auditor)


def test_only_members_of_the_commission_sign(submitted_act, commission_member):
    with pytest.raises(PermissionDenied):
        services.act_sign(act=submitted_act, by=commission_member)


def test_head_cannot_approve_before_every_member_signed(submitted_act, auditor, head):
    services.act_sign(act=submitted_act, by=auditor)
    with pytest.raises(ValidationError) as error:
        services.act_approve(act=submitted_act, by=head)
    assert error.value.code == "state"


def test_only_the_head_approves(signed_production_act, secretary):
    with pytest.raises(PermissionDenied):
        services.act_approve(act=signed_production_act, by=secretary)


def test_head_approves_the_signed_act(signed_production_act, head):
    act = services.act_approve(act=signed_production_act, by=head)
    assert (act.state, act.approved_by) == (ActState.APPROVED, head)


def test_approval_numbers_the_act_and_hands_the_application_to_the_commission(
    signed_production_act, head, secretary
):
    """GOST 8.16–8.17: the approved act is the basis of the decision; the application, in
    «Production check» until now, awaits the commission's decision."""
    act = services.act_approve(act=signed_production_act, by=head)
    application = act.production_check.application
    application.refresh_from_db()
    assert act.number and application.state == "decision"
    log = application.transitions.last()
    assert (log.transition, log.by, log.comment) == ("await_decision", head, act.reference)
    assert secretary.notifications.filter(key__startswith="awaiting-decision:").exists()


def test_the_conclusion_is_an_explicit_choice_before_submission(filled_act, auditor):
    """GOST 8.16: «выводы о способности предприятия стабильно выпускать продукцию»."""
    services.act_update(act=filled_act, by=auditor, data={"stable_production": None})
    with pytest.raises(ValidationError) as error:
        services.act_submit(act=filled_act, by=auditor)
    assert "8.16" in " ".join(error.value.messages)


def test_act_is_sent_only_after_approval(signed_production_act, secretary):
    with pytest.raises(ValidationError):
        services.act_send(act=signed_production_act, by=secretary)


def test_sending_notifies_the_applicant(sent_act, applicant):
    assert sent_act.state == ActState.SENT
    assert applicant.notifications.filter(key=f"act-sent:{sent_act.pk}").exists()


def test_the_enterprise_head_acknowledges_receipt(sent_act, applicant):
    act = services.act_acknowledge(act=sent_act, by=applicant)
    assert (act.state, act.acknowledged_by) == (ActState.ACKNOWLEDGED, applicant)


def test_a_member_who_does_not_manage_the_enterprise_cannot_acknowledge(sent_act):
    organization = sent_act.production_check.application.organization
    employee = MembershipFactory(organization=organization, is_admin=False).user
    with pytest.raises(PermissionDenied):
        services.act_acknowledge(act=sent_act, by=employee)


def test_a_member_returns_the_act_with_a_reason(submitted_act, auditor, second_member):
    services.act_sign(act=submitted_act, by=auditor)
    act = services.act_return(act=submitted_act, by=second_member, reason="Уточнить раздел 15")
    assert (act.state, act.signatures.count()) == (ActState.DRAFT, 0)
    assert act.transitions.last().comment == "Уточнить раздел 15"


def test_return_needs_a_reason(submitted_act, second_member):
    with pytest.raises(ValidationError):
        services.act_return(act=submitted_act, by=second_member, reason=" ")


def test_every_transition_is_logged(sent_act):
    assert list(sent_act.transitions.values_list("transition", flat=True)) == [
        "create",
        "submit",
        "sign",
        "sign",
        "complete_signatures",
        "approve",
        "send",
    ]


def test_sign_button_posts_through_the_view(client, submitted_act, second_member):
    client.force_login(second_member)
    url = reverse("audits:act-sign", kwargs={"check_pk": submitted_act.production_check_id})
    assert client.post(url).status_code == 302
    assert submitted_act.signatures.filter(member=second_member).exists()


def test_approve_too_early_through_the_view_is_409(client, submitted_act, head):
    client.force_login(head)
    url = reverse("audits:act-approve", kwargs={"check_pk": submitted_act.production_check_id})
    assert client.post(url).status_code == 409


# --- who sees the act ---


def test_applicant_cannot_see_a_draft(client, production_act, applicant):
    client.force_login(applicant)
    assert client.get(production_act.get_absolute_url()).status_code == 404


def test_applicant_cannot_see_a_submitted_act(client, submitted_act, applicant):
    client.force_login(applicant)
    assert client.get(section_url(submitted_act, 1)).status_code == 404


def test_applicant_sees_the_sent_act(client, sent_act, applicant):
    client.force_login(applicant)
    assert client.get(sent_act.get_absolute_url()).status_code == 200


def test_outsider_gets_404(client, production_act, outsider):
    client.force_login(outsider)
    assert client.get(production_act.get_absolute_url()).status_code == 404


def test_staff_outside_the_check_gets_404(client, production_act):
    client.force_login(auditor_with_power())
    assert client.get(production_act.get_absolute_url()).status_code == 404


def test_secretary_and_head_see_the_draft(client, production_act, secretary, head):
    for user in (secretary, head):
        client.force_login(user)
        assert client.get(production_act.get_absolute_url()).status_code == 200


def test_secretary_cannot_edit_a_section(client, production_act, secretary):
    client.force_login(secretary)
    assert client.post(section_url(production_act, 1), {}).status_code == 403


def test_act_is_linked_from_the_check_page(client, production_act, auditor):
    client.force_login(auditor)
    page = client.get(production_act.production_check.get_absolute_url()).content.decode()
    assert production_act.get_absolute_url() in page


def test_act_is_linked_from_the_application_page(client, production_act, secretary):
    client.force_login(secretary)
    application = production_act.production_check.application
    page = client.get(application.get_absolute_url()).content.decode()
    assert production_act.get_absolute_url() in page


def test_act_link_is_hidden_from_the_applicant_before_sending(client, production_act, applicant):
    client.force_login(applicant)
    application = production_act.production_check.application
    page = client.get(application.get_absolute_url()).content.decode()
    assert production_act.get_absolute_url() not in page


# --- sections 9 and 15 ---


def test_section_15_shows_the_sanitation_journal(client, production_act, auditor, applicant):
    from audits.models import SanitationEntry

    organization = production_act.production_check.application.organization
    SanitationEntry.objects.create(
        organization=organization,
        date=timezone.localdate() - datetime.timedelta(days=10),
        equipment="Ёмкость № 3 после желатина",
        kind="haram_contact",
        performers="Иванов",
        test_kind="laboratory",
        test_result="Свиной ДНК не обнаружено",
        test_passed=False,
        washes=7,
        wash_agent="salt",
        water_natural=True,
        water_free_of_haram=True,
        controller=applicant,
        controller_name="Ахметов Р. Р.",
        signed_at=timezone.now(),
    )
    client.force_login(auditor)
    page = client.get(section_url(production_act, 15)).content.decode()
    assert "Ёмкость № 3 после желатина" in page
    assert "Свиной ДНК не обнаружено" in page


def test_section_9_shows_without_slaughter_journals(client, production_act, auditor):
    client.force_login(auditor)
    assert client.get(section_url(production_act, 9)).status_code == 200


def test_unknown_section_is_404(client, production_act, auditor):
    client.force_login(auditor)
    assert client.get(section_url(production_act, 21)).status_code == 404


def test_fill_act_helper_leaves_nothing_missing(filled_act):
    from audits import rules

    assert rules.act_missing(filled_act) == []


# --- a draft act's nonconformities stay the commission's until the act is sent ---


def test_applicant_does_not_see_nonconformities_of_a_draft_act(
    client, production_act, auditor, applicant
):
    nonconformity = add_nonconformity(production_act, auditor)
    client.force_login(applicant)
    application = production_act.production_check.application
    page = client.get(application.get_absolute_url()).content.decode()
    assert nonconformity.description not in page


def test_nonconformities_of_a_sent_act_are_issued(sent_act):
    application = sent_act.production_check.application
    nonconformity = Nonconformity.objects.create(
        application=application,
        item_result=first_result(sent_act),
        description="Выявлено",
        fixed_on_spot=True,
    )
    assert nonconformity in application.nonconformities.issued()


def test_no_deadline_reminder_for_a_draft_act(production_act, auditor):
    from certification.services.reminders import remind_corrective_deadlines

    nonconformity = add_nonconformity(production_act, auditor)
    day = nonconformity.deadline - datetime.timedelta(days=3)
    assert remind_corrective_deadlines(today=day) == 0


def test_commission_of_the_application_reads_the_act(client, production_act, commission):
    client.force_login(commission[0])
    assert client.get(production_act.get_absolute_url()).status_code == 200


def test_unassigned_commission_member_gets_404(client, production_act, commission_member):
    client.force_login(commission_member)
    assert client.get(production_act.get_absolute_url()).status_code == 404


def test_the_enterprise_head_acknowledges_through_the_page(client, sent_act, applicant):
    client.force_login(applicant)
    url = reverse("audits:act-acknowledge", kwargs={"check_pk": sent_act.production_check_id})
    assert client.post(url).status_code == 302
    sent_act.refresh_from_db()
    assert sent_act.state == ActState.ACKNOWLEDGED


def test_acknowledging_a_draft_is_404_for_the_applicant(client, production_act, applicant):
    client.force_login(applicant)
    url = reverse("audits:act-acknowledge", kwargs={"check_pk": production_act.production_check_id})
    assert client.post(url).status_code == 404


def test_sections_link_to_their_neighbours_of_the_acts_checklist(client, production_act, auditor):
    client.force_login(auditor)
    first = client.get(section_url(production_act, 1)).context
    last = client.get(section_url(production_act, 20)).context
    assert (first["previous"], first["next"]) == (None, 2)
    assert (last["previous"], last["next"]) == (19, None)
    assert client.get(section_url(production_act, 21)).status_code == 404
