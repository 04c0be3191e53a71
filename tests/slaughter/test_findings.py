"""Deviations the commission answers (GOST 8.16, 8.17): every deviation of a batch is a finding
with its clause, the measured value and the allowed range; the commission or the check's auditor
answers it (accepted with a reason, a nonconformity raised through audits' own service, the
carcasses declared haram); the unsettled ones are listed on the application."""

import datetime
import importlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from audits import services as audits_services
from audits.models import Nonconformity
from slaughter.models import Answer, Finding
from slaughter.selectors import unanswered_deviations
from slaughter.services import finding_answer
from tests.slaughter.test_journal import cattle, poultry, record


@pytest.fixture
def finding(register, applicant):
    entry = record(register, applicant, poultry(current_a=Decimal("0.600")))
    return entry.findings.get()


def answer(finding, application, by, **data):
    return finding_answer(finding=finding, application=application, by=by, **data)


def test_a_deviation_becomes_a_finding_with_its_clause_value_and_range(finding):
    assert (finding.code, finding.clause, finding.value, finding.allowed) == (
        "current",
        "7.6.7, Table 1",
        "0.600",
        "0.25–0.50",
    )
    with translation.override("ru"):
        assert finding.message.startswith("Сила тока 0,60 А вне 0,25–0,50 А")


def test_a_batch_by_the_standard_has_no_findings(register, applicant):
    assert not record(register, applicant, cattle()).findings.exists()


def test_the_commission_accepts_a_deviation_with_a_reason(finding, under_review, commission):
    with pytest.raises(ValidationError) as error:
        answer(finding, under_review, commission[0], answer="accepted")
    assert "reason" in error.value.message_dict
    answer(finding, under_review, commission[0], answer="accepted", reason="Регулятор заменен")
    assert not unanswered_deviations(under_review).exists()


@pytest.mark.parametrize(("count", "ok"), [(0, False), (1, True), (1000, True), (1001, False)])
def test_the_carcasses_declared_haram_are_counted_within_the_batch(
    finding, under_review, commission, count, ok
):
    data = {"answer": "haram", "reason": "Ток выше нормы", "haram_count": count}
    if ok:
        assert answer(finding, under_review, commission[0], **data).haram_count == count
    else:
        with pytest.raises(ValidationError) as error:
            answer(finding, under_review, commission[0], **data)
        assert "haram_count" in error.value.message_dict


def test_the_auditor_raises_a_nonconformity_in_section_9_of_the_act(
    finding, production_act, auditor
):
    application = production_act.production_check.application
    deadline = production_act.date + datetime.timedelta(days=30)
    answered = answer(
        finding, application, auditor, answer="nonconformity", severity="major", deadline=deadline
    )
    nonconformity = answered.nonconformity
    assert nonconformity.item_result.item.section.number == 9
    assert "0,60 А" in nonconformity.description and nonconformity.deadline == deadline
    # Listed until the corrective action closes it (GOST 8.16).
    assert list(unanswered_deviations(application)) == [answered]
    Nonconformity.objects.filter(pk=nonconformity.pk).update(closed_at=timezone.now())
    assert not unanswered_deviations(application).exists()


def test_a_nonconformity_removed_from_the_draft_reopens_the_deviation(
    finding, production_act, auditor
):
    application = production_act.production_check.application
    data = {"answer": "nonconformity", "severity": "minor", "fixed_on_spot": True}
    answered = answer(finding, application, auditor, **data)
    audits_services.nonconformity_remove(nonconformity=answered.nonconformity, by=auditor)
    assert list(unanswered_deviations(application)) == [finding]
    assert answer(finding, application, auditor, **data).nonconformity is not None


def test_the_commission_names_a_nonconformity_of_its_decision(
    finding, under_review, commission, complete_draft
):
    other = Nonconformity.objects.create(application=under_review, description="Из решения")
    linked = answer(
        finding, under_review, commission[1], answer="nonconformity", nonconformity=other
    )
    assert linked.nonconformity == other


def test_without_a_draft_act_or_a_decision_no_nonconformity_is_raised(
    finding, under_review, commission
):
    with pytest.raises(ValidationError) as error:
        answer(finding, under_review, commission[0], answer="nonconformity", severity="major")
    assert "nonconformity" in error.value.message_dict
    assert not Nonconformity.objects.exists()


def test_a_deviation_is_answered_once(finding, under_review, commission):
    answer(finding, under_review, commission[0], answer="accepted", reason="Да")
    with pytest.raises(ValidationError):
        answer(finding, under_review, commission[1], answer="accepted", reason="Еще раз")


def test_only_the_commission_or_the_checks_auditor_answers(
    finding, under_review, applicant, outsider, commission_member, secretary
):
    for user in (applicant, outsider, commission_member, secretary):  # not of this commission
        with pytest.raises(PermissionDenied):
            answer(finding, under_review, user, answer="accepted", reason="x")


def test_an_old_deviation_is_out_of_the_window(register, applicant, under_review):
    old = timezone.localdate() - datetime.timedelta(days=366)
    record(register, applicant, cattle(date=old, current_a=Decimal("9.000")))
    assert not unanswered_deviations(under_review).exists()


# --- the application page ---


def test_the_application_lists_the_unsettled_deviations(client, finding, under_review, commission):
    client.force_login(commission[0])
    page = client.get(under_review.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    url = reverse(
        "slaughter:finding-answer", kwargs={"app_pk": under_review.pk, "finding_pk": finding.pk}
    )
    assert "Current 0.60 A outside 0.25–0.50 A" in page and url in page
    response = client.post(url, {"answer": "accepted", "reason": "Регулятор заменен"})
    assert response.status_code == 302
    page = client.get(under_review.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Every deviation of the slaughter journal is answered." in page
    assert Finding.objects.get().answer == Answer.ACCEPTED


def test_the_answer_page_refuses_others(client, finding, under_review, outsider, applicant):
    url = reverse(
        "slaughter:finding-answer", kwargs={"app_pk": under_review.pk, "finding_pk": finding.pk}
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(applicant)  # sees the application, does not answer
    assert client.get(url).status_code == 403


def test_a_refused_answer_keeps_what_was_typed(client, finding, under_review, commission):
    client.force_login(commission[0])
    url = reverse(
        "slaughter:finding-answer", kwargs={"app_pk": under_review.pk, "finding_pk": finding.pk}
    )
    response = client.post(url, {"answer": "haram", "reason": "Ток", "haram_count": "5000"})
    assert response.status_code == 400 and "Ток" in response.content.decode()


# --- entries signed before findings were kept ---


def test_earlier_entries_get_their_findings_as_the_rules_found_them():
    migration = importlib.import_module("slaughter.migrations.0008_findings_of_earlier_entries")
    entry = SimpleNamespace(
        species="chickens",
        method="mechanical",
        slaughterers="Нуриев",
        head_count=1000,
        rejected=11,
        stunning="electrical",
        current_a=Decimal("0.60"),
        duration_s=Decimal("4.00"),
        air_pressure_mpa=None,
        single_strike=False,
        stun_to_slaughter_s=31,
        video_recorded=True,
        death_confirmed=True,
    )
    codes = [found[0] for found in migration._found(entry)]
    assert codes == ["mechanical_share", "current", "stun_delay"]
