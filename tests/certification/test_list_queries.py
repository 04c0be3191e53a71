"""Query budgets of the certification's list pages: the secretary's queue, the applicant's and the
commission member's dashboards, the head's certificates to sign, meetings, certificates and
invoices. Rows are made directly (states set with update): only the pages are measured."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from certification import services
from certification.models import (
    AgendaItem,
    Application,
    AppState,
    Certificate,
    CertificateProduct,
    Invoice,
    Meeting,
)
from tests.factories import category, normative_document

pytestmark = pytest.mark.django_db
numbers = itertools.count(70_000)


def applications(organization, by, count: int, **fields) -> list[Application]:
    made = [services.application_create(organization=organization, by=by) for _ in range(count)]
    Application.objects.filter(pk__in=[a.pk for a in made]).update(
        state_changed_at=timezone.now(), **fields
    )
    return [Application.objects.get(pk=a.pk) for a in made]


def certificates(organization, by, secretary, count: int, **fields) -> list[Certificate]:
    made = []
    for application in applications(organization, by, count, state=AppState.CERTIFIED):
        today = timezone.localdate()
        meeting = Meeting.objects.create(date=today, secretary=secretary)
        certificate = Certificate.objects.create(
            number=f"ХП.{next(numbers):05d}",
            application=application,
            valid_from=today,
            valid_to=today + datetime.timedelta(days=700),
            manufacturer_name=organization.full_name,
            manufacturer_address=organization.legal_address,
            manufacturer_country=organization.country,
            meeting=meeting,
            head_name="И. Р. Гарипов",
            **fields,
        )
        for order in range(4):
            CertificateProduct.objects.create(
                certificate=certificate,
                name=f"Пахлава {order}",
                category=category(),
                normative_document=normative_document(),
                batch_text="серийное производство",
                order=order,
            )
        made.append(certificate)
    return made


def test_secretary_queue(constant_queries, client, organization, applicant, secretary):
    def add(count):
        applications(
            organization, applicant, count, state=AppState.SUBMITTED, submitted_at=timezone.now()
        )

    add(2)
    client.force_login(secretary)
    constant_queries(reverse("certification:queue"), lambda: add(6), budget=8)


def test_applicant_dashboard(constant_queries, client, organization, applicant):
    applications(organization, applicant, 2)
    client.force_login(applicant)
    constant_queries(
        reverse("certification:application-list"),
        lambda: applications(organization, applicant, 6),
        budget=8,
    )


def test_commission_member_dashboard(
    constant_queries, client, organization, applicant, secretary, commission
):
    member = commission[0]
    meeting = Meeting.objects.create(date=timezone.localdate(), secretary=secretary)
    meeting.members_present.set(commission)

    def add(count):
        for application in applications(
            organization, applicant, count, state=AppState.DOCUMENT_REVIEW
        ):
            application.commission_members.set(commission)
            AgendaItem.objects.create(
                meeting=meeting, application=application, question="proceed", order=1
            )

    add(2)
    client.force_login(member)
    constant_queries(reverse("certification:awaiting"), lambda: add(6), budget=12)


def test_certificates_to_sign(constant_queries, client, organization, applicant, secretary, head):
    certificates(organization, applicant, secretary, 2)
    client.force_login(head)
    constant_queries(
        reverse("certification:to-sign"),
        lambda: certificates(organization, applicant, secretary, 5),
        budget=8,
    )


@pytest.mark.parametrize("reader", ["secretary", "applicant"])
def test_certificate_list(constant_queries, client, organization, applicant, secretary, reader):
    certificates(organization, applicant, secretary, 2, signed_at=timezone.now())
    client.force_login(secretary if reader == "secretary" else applicant)
    constant_queries(
        reverse("certification:certificate-list"),
        lambda: certificates(organization, applicant, secretary, 5, signed_at=timezone.now()),
        budget=9,
    )


def test_meeting_list(constant_queries, client, organization, applicant, secretary, commission):
    def add(count):
        for application in applications(organization, applicant, count):
            meeting = Meeting.objects.create(
                date=timezone.localdate(), secretary=secretary, chair=commission[0]
            )
            AgendaItem.objects.create(meeting=meeting, application=application, question="proceed")

    add(2)
    client.force_login(secretary)
    constant_queries(reverse("certification:meeting-list"), lambda: add(5), budget=9)


@pytest.mark.parametrize("reader", ["secretary", "applicant"])
def test_invoice_list(constant_queries, client, organization, applicant, secretary, reader):
    def add(count):
        for application in applications(
            organization, applicant, count, state=AppState.DOCUMENT_REVIEW
        ):
            Invoice.objects.create(
                number=f"С-{next(numbers)}",
                application=application,
                stage="document_review",
                amount=45000,
                currency="RUB",
            )

    add(2)
    client.force_login(secretary if reader == "secretary" else applicant)
    constant_queries(reverse("certification:invoice-list"), lambda: add(5), budget=8)
