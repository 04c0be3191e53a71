"""Scheduled jobs: expiry (GOST 8.6), expiry reminders (8.18), the schedule of the daily jobs."""

import datetime
import itertools

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from audits.tasks import remind_corrective_deadlines_task
from certification import services
from certification.models import Application, Certificate, CertificateStatus, Meeting
from certification.rules import annex_cutoff
from certification.services import reminders
from certification.tasks import expire_certificates_task, remind_expiring_certificates_task

TODAY = datetime.date(2026, 3, 10)
numbers = itertools.count(90_000)


@pytest.fixture
def certificate_ending(organization, applicant, secretary):
    """A valid certificate of ``organization`` that ends on the given day, made directly."""

    def make(valid_to: datetime.date) -> Certificate:
        application = services.application_create(organization=organization, by=applicant)
        start = valid_to - relativedelta(years=2)
        meeting = Meeting.objects.create(date=start, secretary=secretary)
        return Certificate.objects.create(
            number=f"ХП.{next(numbers):05d}",
            application=application,
            valid_from=meeting.date,
            valid_to=valid_to,
            manufacturer_name=organization.full_name,
            manufacturer_address=organization.legal_address,
            manufacturer_country=organization.country,
            meeting=meeting,
            head_name="И. Р. Гарипов",
        )

    return make


def keys(user) -> list[str]:
    return sorted(user.notifications.values_list("key", flat=True))


# --- expiry reminders ---------------------------------------------------------------------------


def test_six_month_reminder_is_sent_once_over_reruns(
    certificate_ending, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = certificate_ending(TODAY + relativedelta(months=6))
    with django_capture_on_commit_callbacks(execute=True):
        for day in (TODAY, TODAY, TODAY + datetime.timedelta(days=1)):
            reminders.remind_expiring_certificates(today=day)
    assert keys(applicant) == [f"expiry-6m:{certificate.pk}"]
    assert len(mailoutbox) == 1


def test_six_month_reminder_names_the_annex_cutoff(certificate_ending, applicant):
    certificate = certificate_ending(TODAY + relativedelta(months=6))
    reminders.remind_expiring_certificates(today=TODAY)
    cutoff = annex_cutoff(certificate).strftime("%d.%m.%Y")
    assert cutoff in applicant.notifications.get().body


def test_one_month_reminder_is_sent_once_over_reruns(
    certificate_ending, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = certificate_ending(TODAY + relativedelta(months=1))
    with django_capture_on_commit_callbacks(execute=True):
        for day in (TODAY, TODAY, TODAY + datetime.timedelta(days=1)):
            reminders.remind_expiring_certificates(today=day)
    assert keys(applicant) == [f"expiry-1m:{certificate.pk}"]
    assert len(mailoutbox) == 1


def test_a_missed_day_still_reminds(certificate_ending, applicant):
    certificate_ending(TODAY + relativedelta(months=6) - datetime.timedelta(days=1))
    assert reminders.remind_expiring_certificates(today=TODAY) == 1


def test_no_reminder_more_than_six_months_ahead(certificate_ending, applicant):
    certificate_ending(TODAY + relativedelta(months=6) + datetime.timedelta(days=1))
    assert reminders.remind_expiring_certificates(today=TODAY) == 0


def test_both_reminders_over_the_last_six_months(certificate_ending, applicant):
    certificate = certificate_ending(TODAY + relativedelta(months=6))
    reminders.remind_expiring_certificates(today=TODAY)
    reminders.remind_expiring_certificates(today=TODAY + relativedelta(months=5))
    assert keys(applicant) == [f"expiry-1m:{certificate.pk}", f"expiry-6m:{certificate.pk}"]


def test_suspended_certificate_gets_no_reminder(certificate_ending, applicant):
    certificate = certificate_ending(TODAY + relativedelta(months=1))
    services.certificates.certificate_transition(certificate=certificate, name="suspend")
    assert reminders.remind_expiring_certificates(today=TODAY) == 0


def test_a_renewal_under_way_skips_the_one_month_reminder(
    certificate_ending, organization, applicant
):
    certificate = certificate_ending(TODAY + relativedelta(months=1))
    Application.objects.filter(
        pk=services.application_create(organization=organization, by=applicant).pk
    ).update(renews=certificate)
    assert reminders.remind_expiring_certificates(today=TODAY) == 0


def test_reminder_task_uses_the_local_date(certificate_ending, applicant):
    certificate_ending(TODAY + relativedelta(months=6))
    morning = datetime.datetime(2026, 3, 10, 8, 0, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(morning):
        assert remind_expiring_certificates_task() == 1


# --- nightly expiry and the schedule ------------------------------------------------------------


def test_nightly_expiry_marks_expired_and_notifies(
    certificate_ending, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = certificate_ending(timezone.localdate() - datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_certificates_task() == 1
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.EXPIRED
    assert [m.to for m in mailoutbox] == [[applicant.email]]


def test_nightly_expiry_spares_the_last_valid_day(certificate_ending, applicant):
    certificate_ending(timezone.localdate())
    assert expire_certificates_task() == 0


def test_beat_schedule_runs_the_three_jobs():
    schedule = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    expire = schedule["certification.tasks.expire_certificates_task"]
    assert {
        expire_certificates_task.name,
        remind_expiring_certificates_task.name,
        remind_corrective_deadlines_task.name,
    } <= set(schedule)
    assert (expire.hour, expire.minute) == ({0}, {15})
