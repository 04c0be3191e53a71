"""Query budget of the inbox."""

import itertools

import pytest
from django.urls import reverse

from accounts.models import Notification

pytestmark = pytest.mark.django_db
keys = itertools.count()


def test_inbox(constant_queries, client, applicant):
    def add(count):
        Notification.objects.bulk_create(
            Notification(user=applicant, key=f"test:{next(keys)}", subject="Решение", body="Текст")
            for _ in range(count)
        )

    add(2)
    client.force_login(applicant)
    constant_queries(reverse("accounts:inbox"), lambda: add(5), budget=8)
