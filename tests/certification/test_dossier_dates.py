"""GOST 8.8: the dossier's documents are in date when the application is filed; while a
certificate is valid, documents that end are named 30 days ahead. GOST 8.9: the head signs."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from accounts.models import Membership
from certification import rules, services
from certification.models import DocumentType, DossierFile
from certification.services import reminders
from tests.certification.workflow import issue
from tests.factories import UserFactory, add_product, complete_application
from tests.files import pdf_upload


def today() -> datetime.date:
    return timezone.localdate()


def current(application, code: str) -> DossierFile:
    return application.files.get(document_type__code=code, superseded_at__isnull=True)


def test_reference_data_gives_each_dated_document_its_rule(db):
    rules_by_code = dict(DocumentType.objects.values_list("code", "in_date_rule"))
    assert rules_by_code["test-reports"] == "current_year"
    assert rules_by_code["complaints"] == "last_12_months"
    assert rules_by_code["veterinary"] == "valid_on_submission"
    assert rules_by_code["legal-status"] == ""


def test_a_test_report_of_last_year_refuses_submission(complete_draft, applicant):
    report = current(complete_draft, "test-reports")
    report.document_date = today().replace(year=today().year - 1, month=12, day=31)
    report.save()
    with pytest.raises(TransitionNotAllowed):
        services.application_submit(application=complete_draft, by=applicant)
    refusal = [str(m) for m in rules.missing_requirements(complete_draft)]
    assert any(str(report.document_type) in m and "8.8" in m for m in refusal), refusal


def test_a_test_report_of_the_first_day_of_the_year_is_in_date(complete_draft, applicant):
    report = current(complete_draft, "test-reports")
    report.document_date = today().replace(month=1, day=1)
    report.save()
    services.application_submit(application=complete_draft, by=applicant)
    assert complete_draft.state == "submitted"


@pytest.mark.parametrize(("months", "in_date"), [(11, True), (12, True), (13, False)])
def test_complaints_cover_the_last_12_months(complete_draft, months, in_date):
    complaints = current(complete_draft, "complaints")
    complaints.document_date = rules.months_before(today(), months)
    complaints.save()
    names = [m.text for m in rules.out_of_date_documents(complete_draft)]
    assert (not names) is in_date, names


@pytest.fixture
def meat_draft(draft, applicant):
    add_product(draft, applicant, code="meat", name="Говядина охлажденная")
    return complete_application(draft, by=applicant, code="meat")


@pytest.mark.parametrize(("days", "in_date"), [(-1, False), (0, True)])
def test_a_veterinary_document_is_valid_on_submission(meat_draft, days, in_date):
    veterinary = current(meat_draft, "veterinary")
    veterinary.valid_until = today() + datetime.timedelta(days=days)
    veterinary.save()
    assert (not rules.out_of_date_documents(meat_draft)) is in_date


def test_upload_needs_the_date_its_rule_reads(draft, applicant):
    with pytest.raises(ValidationError) as error:
        services.dossier_file_add(
            application=draft,
            document_type=DocumentType.objects.get(code="test-reports"),
            upload=pdf_upload(),
            by=applicant,
        )
    assert "document_date" in error.value.message_dict


def test_a_document_dated_in_the_future_is_refused(draft, applicant):
    with pytest.raises(ValidationError):
        services.dossier_file_add(
            application=draft,
            document_type=DocumentType.objects.get(code="test-reports"),
            upload=pdf_upload(),
            by=applicant,
            document_date=today() + datetime.timedelta(days=1),
        )


def test_the_page_names_an_out_of_date_document(client, complete_draft, applicant):
    from django.urls import reverse

    report = current(complete_draft, "test-reports")
    report.document_date = datetime.date(today().year - 1, 6, 1)
    report.save()
    client.force_login(applicant)
    page = client.get(
        reverse(
            "certification:application-step",
            kwargs={"pk": complete_draft.pk, "step": "documents"},
        )
    ).content.decode()
    assert "out-of-date" in page and f"01.06.{today().year - 1}" in page


# --- 30 days ahead, while the certificate is valid ------------------------------------------


@pytest.fixture
def holder_document(meat_draft, applicant, secretary, commission, head):
    """The veterinary document of a valid, signed certificate's dossier."""
    services.application_submit(application=meat_draft, by=applicant)
    services.application_register(application=meat_draft, by=secretary, members=commission)
    issue(meat_draft, secretary=secretary, members=commission)
    services.certificate_sign(certificate=meat_draft.certificate, by=head)
    return current(meat_draft, "veterinary")


def test_a_document_ending_in_29_days_is_named_once(holder_document, applicant, secretary):
    DossierFile.objects.filter(pk=holder_document.pk).update(
        valid_until=today() + datetime.timedelta(days=29)
    )
    assert reminders.remind_expiring_documents() == 1
    assert reminders.remind_expiring_documents() == 0  # one notice each
    key = f"document-expiring:{holder_document.pk}"
    assert applicant.notifications.filter(key=key).count() == 1
    assert secretary.notifications.filter(key=key).count() == 1


def test_a_document_ending_in_31_days_waits(holder_document):
    DossierFile.objects.filter(pk=holder_document.pk).update(
        valid_until=today() + datetime.timedelta(days=31)
    )
    assert reminders.remind_expiring_documents() == 0


def test_no_notice_once_the_certificate_is_not_valid(holder_document, secretary, commission):
    from tests.certification.workflow import decide

    decide(
        holder_document.application,
        "suspend_certificate",
        secretary=secretary,
        members=commission,
        grounds="Нарушение",
    )
    DossierFile.objects.filter(pk=holder_document.pk).update(
        valid_until=today() + datetime.timedelta(days=10)
    )
    assert reminders.remind_expiring_documents() == 0


# --- GOST 8.9: the head signs the declaration ------------------------------------------------


def test_a_member_who_is_not_the_head_cannot_sign(draft, organization):
    add_product(draft, organization.members.get())
    member = UserFactory()
    Membership.objects.create(organization=organization, user=member, is_head=False)
    nd = draft.products.get().normative_document
    with pytest.raises(PermissionDenied):
        services.declaration_sign(application=draft, normative_document=nd, by=member)


def test_the_declaration_carries_the_signers_name_and_position(draft, applicant, organization):
    organization.head_position = "Генеральный директор"
    organization.save()
    add_product(draft, applicant)
    nd = draft.products.get().normative_document
    declaration = services.declaration_sign(application=draft, normative_document=nd, by=applicant)
    assert (declaration.signatory_name, declaration.signatory_position) == (
        applicant.get_short_name(),
        "Генеральный директор",
    )
