"""Query budget of the slaughter journal's page."""

import datetime

import pytest
from django.urls import reverse

from tests.slaughter.test_journal import cattle, record

pytestmark = pytest.mark.django_db


def test_slaughter_journal(constant_queries, client, organization, applicant):
    def add(count):
        for day in range(count):
            data = cattle()
            record(
                organization, applicant, {**data, "date": data["date"] - datetime.timedelta(day)}
            )

    add(2)
    client.force_login(applicant)
    constant_queries(
        reverse("slaughter:journal", kwargs={"org_pk": organization.pk}), lambda: add(5), budget=8
    )
