"""Pages of the production check: who sees and does what (GOST 8.13–8.15, 7.1)."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from audits import services
from audits.models import CheckStatus, ProductionCheck
from tests.audits.conftest import check_dates
from tests.factories import UserFactory


def url(name, **kwargs):
    return reverse(f"audits:{name}", kwargs=kwargs)


# --- the program ---


def test_secretary_draws_up_the_program_from_the_application(client, secretary, in_check):
    client.force_login(secretary)
    response = client.post(url("check-create", pk=in_check.pk))
    check = ProductionCheck.objects.get(application=in_check)
    assert response.status_code == 302
    assert response["Location"] == url("check-edit", check_pk=check.pk)


def test_program_too_early_is_refused_with_a_message(client, secretary, under_review):
    client.force_login(secretary)
    response = client.post(url("check-create", pk=under_review.pk))
    assert response.status_code == 409 and "8.13" in response.content.decode()


def test_program_is_saved_through_the_page(client, secretary, program):
    start, end = check_dates()
    client.force_login(secretary)
    response = client.post(
        url("check-edit", check_pk=program.pk),
        {
            "purpose": "Оценка стабильности производства",
            "basis": "Решение комиссии",
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "other_documents": "СТ РК 3214-2018",
        },
    )
    program.refresh_from_db()
    assert response.status_code == 302 and program.other_documents == "СТ РК 3214-2018"


def test_auditor_without_power_is_refused_on_the_page(client, secretary, program):
    start, end = check_dates()
    dates = {"start_date": start, "end_date": end}
    services.program_update(check=program, by=secretary, data=dates)
    auditor = UserFactory(role_auditor=True, position="Эксперт-аудитор")
    client.force_login(secretary)
    response = client.post(
        url("check-team-add", check_pk=program.pk), {"team-user": auditor.pk, "team-position": ""}
    )
    assert response.status_code == 400 and "2.19" in response.content.decode()
    assert not program.team.exists()


def test_program_page_shows_the_form_of_annex_d(client, approved, head, auditor):
    client.force_login(auditor)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert head.get_short_name() in page and "Эксперт-аудитор «Халяль»" in page
    assert "Санитарно-гигиеническое состояние производства" in page  # an area of 8.14


def test_head_approves_through_the_page(client, head, ready_program):
    client.force_login(head)
    client.post(url("check-approve", check_pk=ready_program.pk))
    ready_program.refresh_from_db()
    assert ready_program.status == CheckStatus.APPROVED


def test_secretary_cannot_approve(client, secretary, ready_program):
    client.force_login(secretary)
    assert client.post(url("check-approve", check_pk=ready_program.pk)).status_code == 403


def test_start_before_approval_is_refused_on_the_page(client, secretary, ready_program):
    client.force_login(secretary)
    response = client.post(url("check-start", check_pk=ready_program.pk))
    assert response.status_code == 409 and "8.13" in response.content.decode()


def test_approved_program_cannot_be_edited_on_the_page(client, secretary, approved):
    client.force_login(secretary)
    assert client.get(url("check-edit", check_pk=approved.pk)).status_code == 409


def test_applicant_does_not_see_a_draft_program(client, applicant, program):
    client.force_login(applicant)
    assert client.get(program.get_absolute_url()).status_code == 404


def test_applicant_reads_the_approved_program(client, applicant, approved):
    client.force_login(applicant)
    response = client.get(approved.get_absolute_url())
    assert response.status_code == 200 and "check-edit" not in response.content.decode()


def test_applicant_cannot_edit_the_program(client, applicant, approved):
    client.force_login(applicant)
    assert client.get(url("check-edit", check_pk=approved.pk)).status_code == 403


def test_assigned_commission_member_reads_the_program(client, commission, program):
    client.force_login(commission[0])
    assert client.get(program.get_absolute_url()).status_code == 200


def test_unassigned_commission_member_does_not(client, commission_member, program):
    client.force_login(commission_member)
    assert client.get(program.get_absolute_url()).status_code == 404


def test_auditor_lists_only_own_checks(client, started, auditor):
    from tests.audits.helpers import auditor_with_power

    client.force_login(auditor_with_power())
    assert started.application.number not in client.get(url("check-list")).content.decode()


@pytest.mark.parametrize("role", ["role_auditor", "role_head", "role_secretary"])
def test_nav_links_the_checks_for_the_staff(client, db, role):
    client.force_login(UserFactory(**{role: True}))
    assert url("check-list") in client.get(reverse("home")).content.decode()


def test_nav_hides_the_checks_from_applicants(client, applicant):
    client.force_login(applicant)
    assert url("check-list") not in client.get(reverse("home")).content.decode()


# --- the panel on the application page ---


def render_panel(application, user):
    request = RequestFactory().get("/")
    request.user = user
    # The cards audits registers with certification's application page (audits/apps.py).
    template = Template("{% load holder %}{% application_panels application %}")
    return template.render(Context({"request": request, "application": application}))


def test_panel_offers_the_secretary_a_program(in_check, secretary):
    assert url("check-create", pk=in_check.pk) in render_panel(in_check, secretary)


def test_panel_links_the_applicant_to_the_program_and_journal(approved, applicant):
    html = render_panel(approved.application, applicant)
    assert approved.get_absolute_url() in html
    assert url("journal", org_pk=approved.application.organization_id) in html


def test_panel_is_empty_for_an_unassigned_member(in_check, commission_member):
    assert render_panel(in_check, commission_member).strip() == ""


# --- sampling ---


def test_auditor_gets_the_act_prefilled(client, started, auditor):
    client.force_login(auditor)
    page = client.get(url("sampling-create", check_pk=started.pk)).content.decode()
    assert started.application.org_name in page


def test_applicant_cannot_draw_up_an_act(client, started, applicant):
    client.force_login(applicant)
    assert client.get(url("sampling-create", check_pk=started.pk)).status_code == 403


def test_applicant_cannot_sign_first_on_the_page(client, act, applicant):
    client.force_login(applicant)
    response = client.post(url("sampling-sign", check_pk=act.production_check_id, act_pk=act.pk))
    assert response.status_code == 409


def test_signatures_through_the_page(client, act, auditor, applicant):
    sign = url("sampling-sign", check_pk=act.production_check_id, act_pk=act.pk)
    client.force_login(auditor)
    client.post(sign)
    client.force_login(applicant)
    client.post(sign)
    act.refresh_from_db()
    assert act.applicant_signed_by == applicant


def test_owner_reaches_the_audit_pages(client, signed_act, applicant, organization):
    check = signed_act.production_check
    sample = signed_act.samples.get()
    client.force_login(applicant)
    for address in (
        check.get_absolute_url(),
        signed_act.get_absolute_url(),
        url("journal", org_pk=organization.pk),
        url("journal-entry-create", org_pk=organization.pk),
    ):
        assert client.get(address).status_code == 200, address
    assert client.get(url("sample-edit", check_pk=check.pk, sample_pk=sample.pk)).status_code == 403


# --- every page renders for those who use it ---


def test_draft_program_pages_render(client, secretary, program):
    client.force_login(secretary)
    for address in (
        url("check-list"),
        program.get_absolute_url(),
        url("check-edit", check_pk=program.pk),
    ):
        assert client.get(address).status_code == 200, address


def test_signed_act_pages_render(client, auditor, signed_act, organization):
    client.force_login(auditor)
    for address in (
        signed_act.production_check.get_absolute_url(),
        signed_act.get_absolute_url(),
        url("journal", org_pk=organization.pk),
    ):
        assert client.get(address).status_code == 200, address


def test_draft_act_pages_render(client, act, auditor):
    check = act.production_check
    sample = act.samples.get()
    client.force_login(auditor)
    for address in (
        url("sampling-edit", check_pk=check.pk, act_pk=act.pk),
        url("sample-create", check_pk=check.pk, act_pk=act.pk),
        url("sample-edit", check_pk=check.pk, sample_pk=sample.pk),
    ):
        assert client.get(address).status_code == 200, address


def test_journal_entry_page_shows_the_signature(client, organization, applicant):
    entry = services.sanitation_entry_record(
        organization=organization,
        by=applicant,
        data={
            "date": organization.created_at.date(),
            "equipment": "Котел № 1",
            "kind": "routine",
            "performers": "Иванов",
            "test_kind": "express",
            "test_result": "АТФ: 80 RLU",
            "test_passed": True,
        },
    )
    client.force_login(applicant)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert entry.controller_name in page and "АТФ: 80 RLU" in page
