"""Query budgets of the production check's list pages: the checks and the sanitation journal."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audits import services
from audits.models import ProductionCheck
from certification import services as certification_services
from certification.models import Application, AppState

pytestmark = pytest.mark.django_db


def test_check_list(constant_queries, client, organization, applicant, secretary):
    def add(count):
        for _ in range(count):
            application = certification_services.application_create(
                organization=organization, by=applicant
            )
            Application.objects.filter(pk=application.pk).update(state=AppState.PRODUCTION_CHECK)
            ProductionCheck.objects.create(application=application, created_by=secretary)

    add(2)
    client.force_login(secretary)
    constant_queries(reverse("audits:check-list"), lambda: add(5), budget=8)


def test_sanitation_journal(constant_queries, client, organization, applicant):
    def add(count):
        for day in range(count):
            services.sanitation_entry_record(
                organization=organization,
                by=applicant,
                data={
                    "date": timezone.localdate() - datetime.timedelta(days=day),
                    "equipment": "Линия фасовки № 1",
                    "kind": "routine",
                    "performers": "Сафин А. М.",
                    "agents": "",
                    "test_kind": "express",
                    "test_result": "АТФ-тест: 85 RLU",
                    "test_passed": True,
                },
            )

    add(2)
    client.force_login(applicant)
    constant_queries(
        reverse("audits:journal", kwargs={"org_pk": organization.pk}), lambda: add(5), budget=8
    )
