"""Annex Д, part 3: the check starts within its dates; the head corrects the dates of an
approved program, with a logged reason, until the act of the check exists."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audits import services
from audits.models import CheckStatus, ProgramDateChange
from tests.audits.helpers import act_data, sample_data


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def at_noon(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


def test_check_cannot_start_before_its_first_day(approved, auditor, head):
    services.program_dates_correct(
        check=approved, by=head, start_date=days(3), end_date=days(5), reason="Перенос"
    )
    with pytest.raises(ValidationError) as error:
        services.check_start(check=approved, by=auditor)
    assert days(3).strftime("%d.%m.%Y") in " ".join(error.value.messages)


def test_check_starts_on_its_first_day(approved, auditor, head):
    services.program_dates_correct(
        check=approved, by=head, start_date=days(3), end_date=days(5), reason="Перенос"
    )
    with at_noon(days(3)):
        check = services.check_start(check=approved, by=auditor)
    assert check.status == CheckStatus.IN_PROGRESS


def test_check_cannot_start_after_its_last_day(approved, auditor):
    with at_noon(approved.end_date + datetime.timedelta(days=1)), pytest.raises(ValidationError):
        services.check_start(check=approved, by=auditor)


def test_started_check_lets_the_sampling_act_be_saved(started, auditor):
    """The defect: started before its first day, the act could not be dated at all."""
    act = services.sampling_act_create(check=started, by=auditor, data=act_data(auditor))
    assert services.sample_save(act=act, by=auditor, data=sample_data()).pk


def test_head_corrects_the_dates_with_a_logged_reason(approved, head):
    old = (approved.start_date, approved.end_date)
    services.program_dates_correct(
        check=approved, by=head, start_date=days(1), end_date=days(4), reason="Болезнь аудитора"
    )
    change = ProgramDateChange.objects.get(production_check=approved)
    assert (change.old_start, change.old_end) == old
    assert (change.new_start, change.new_end, change.reason, change.by) == (
        days(1),
        days(4),
        "Болезнь аудитора",
        head,
    )


def test_dates_are_corrected_only_with_a_reason(approved, head):
    with pytest.raises(ValidationError) as error:
        services.program_dates_correct(
            check=approved, by=head, start_date=days(1), end_date=days(4), reason=" "
        )
    assert "reason" in error.value.message_dict


def test_only_the_head_corrects_the_dates(approved, secretary):
    with pytest.raises(PermissionDenied):
        services.program_dates_correct(
            check=approved, by=secretary, start_date=days(1), end_date=days(4), reason="x"
        )


def test_dates_no_longer_change_once_the_act_exists(act_check, auditor, head):
    services.act_create(check=act_check, by=auditor)
    with pytest.raises(ValidationError):
        services.program_dates_correct(
            check=act_check, by=head, start_date=days(0), end_date=days(9), reason="x"
        )


def test_started_check_keeps_its_sampling_acts_inside_the_dates(signed_act, head):
    check = signed_act.production_check
    with pytest.raises(ValidationError) as error:
        services.program_dates_correct(
            check=check, by=head, start_date=days(-2), end_date=days(-1), reason="Ошибка"
        )
    assert "end_date" in error.value.message_dict


def test_head_corrects_the_dates_on_the_page(client, approved, head):
    client.force_login(head)
    response = client.post(
        reverse("audits:check-dates", kwargs={"check_pk": approved.pk}),
        {
            "dates-start_date": days(2).isoformat(),
            "dates-end_date": days(6).isoformat(),
            "dates-reason": "Перенос по просьбе заявителя",
        },
    )
    approved.refresh_from_db()
    assert response.status_code == 302
    assert (approved.start_date, approved.end_date) == (days(2), days(6))
    page = client.get(approved.get_absolute_url()).content.decode()
    assert "Перенос по просьбе заявителя" in page
