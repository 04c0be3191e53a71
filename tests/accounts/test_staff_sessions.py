"""Staff sessions are short (idle and absolute limits); an applicant keeps two weeks."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_staff_session_ends_after_the_idle_limit(client, secretary, settings):
    client.force_login(secretary)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get(reverse("certification:queue")).status_code == 200
    idle = datetime.timedelta(seconds=settings.STAFF_SESSION_IDLE_SECONDS + 60)
    with time_machine.travel(start + idle, tick=False):
        response = client.get(reverse("certification:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_staff_session_goes_on_while_its_user_works(client, secretary, settings):
    client.force_login(secretary)
    start = timezone.now()
    step = datetime.timedelta(seconds=settings.STAFF_SESSION_IDLE_SECONDS - 60)
    for n in range(3):
        with time_machine.travel(start + n * step, tick=False):
            assert client.get(reverse("certification:queue")).status_code == 200


def test_a_staff_session_ends_after_the_absolute_limit_however_busy(client, secretary, settings):
    settings.STAFF_SESSION_MAX_SECONDS = 3 * settings.STAFF_SESSION_IDLE_SECONDS
    client.force_login(secretary)
    start = timezone.now()
    step = datetime.timedelta(seconds=settings.STAFF_SESSION_IDLE_SECONDS - 60)
    statuses = []
    for n in range(5):
        with time_machine.travel(start + n * step, tick=False):
            statuses.append(client.get(reverse("certification:queue")).status_code)
    assert statuses[:3] == [200, 200, 200]
    assert statuses[-1] == 302


def test_an_applicant_stays_logged_in_for_days(client, applicant, settings):
    client.force_login(applicant)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(reverse("dashboard"))
    with time_machine.travel(start + datetime.timedelta(days=3), tick=False):
        response = client.get(reverse("certification:application-list"))
    assert response.status_code == 200
