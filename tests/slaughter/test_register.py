"""The slaughterhouse register (GOST 7.6.2–7.6.4, 2.17): only a registered halal controller with
valid documents signs a journal (slaughter or sanitation); only registered people with valid
documents are named on a batch; the refusal names the clause and the document."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification
from audits.services import sanitation_entry_record
from slaughter.models import DocumentKind, SlaughterEntry, WorkerDocument, WorkerRole
from slaughter.services import (
    register_documents_remind,
    slaughter_entry_record,
    worker_register,
    worker_remove,
)
from slaughter.tasks import register_documents_remind_task
from tests.slaughter.helpers import add_document, make_register, with_people
from tests.slaughter.test_journal import cattle

TODAY = datetime.date(2026, 6, 15)


def record(register, by, **extra):
    data = with_people(register, cattle(date=TODAY - datetime.timedelta(days=1), **extra))
    with translation.override("en"):
        return slaughter_entry_record(
            organization=register.slaughterhouse.organization, by=by, data=data
        )


def refusal(register, by, **extra) -> dict:
    with pytest.raises(ValidationError) as error:
        record(register, by, **extra)
    assert not SlaughterEntry.objects.exists()
    return error.value.message_dict


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC))


def test_a_member_not_on_the_register_does_not_sign(register, organization, second_applicant):
    refused = refusal(register, second_applicant)[NON_FIELD_ERRORS]
    assert "not on the register" in refused[0] and "GOST 7.6.4, 2.17" in refused[0]


@pytest.mark.parametrize(("days", "signed"), [(-1, False), (0, True), (1, True)])
def test_the_controller_permit_counts_up_to_its_last_day(register, applicant, days, signed):
    """Valid on the day before expiry and on the last day; refused the day after."""
    batch_day = TODAY - datetime.timedelta(days=1)
    permit = register.controller.documents.get(kind=DocumentKind.PERMIT)
    permit.valid_to = batch_day + datetime.timedelta(days=days)
    permit.save()
    if signed:
        assert record(register, applicant).controller_worker == register.controller
    else:
        text = " ".join(refusal(register, applicant)[NON_FIELD_ERRORS])
        assert "permit of the authorized organization" in text and "expired on" in text
        assert "GOST 7.6.4" in text


def test_a_slaughterer_without_a_medical_certificate_is_refused(register, applicant):
    register.slaughterers[1].documents.filter(kind=DocumentKind.MEDICAL).delete()
    text = " ".join(refusal(register, applicant)["slaughterers"])
    assert "Закиров Ильдар" in text and "no medical certificate" in text and "GOST 7.6.2" in text


def test_an_operator_whose_training_expired_is_refused(register, applicant):
    register.operator.documents.filter(kind=DocumentKind.QUALIFICATION).update(
        valid_to=TODAY - datetime.timedelta(days=2)
    )
    text = " ".join(refusal(register, applicant)["stunning_operator"])
    assert "qualification or training document" in text and "GOST 7.6.3" in text


def test_a_document_issued_after_the_batch_does_not_count(register, applicant):
    worker = register.slaughterers[0]
    worker.documents.filter(kind=DocumentKind.PERMIT).update(issued_on=TODAY)
    assert "no permit" in " ".join(refusal(register, applicant)["slaughterers"])


def test_a_slaughterer_of_another_slaughterhouse_is_refused(register, organization, applicant):
    other = make_register(organization, applicant, name="Бойня № 2")
    text = " ".join(refusal(register, applicant, slaughterers=other.slaughterers)["slaughterers"])
    assert "not on the register of Бойня № 1" in text


def test_a_person_who_left_the_register_is_refused(register, applicant):
    worker_remove(
        worker=register.slaughterers[0], by=applicant, left_on=TODAY - datetime.timedelta(days=2)
    )
    assert "not on the register" in " ".join(refusal(register, applicant)["slaughterers"])


def test_the_controller_of_another_slaughterhouse_does_not_sign(register, organization, applicant):
    other = make_register(organization, applicant, name="Бойня № 2")
    register.controller.documents.all().delete()  # only the other slaughterhouse's entry counts
    data = {"slaughterhouse": register.slaughterhouse}
    assert NON_FIELD_ERRORS in refusal(register, applicant, **data)
    assert record(other, applicant).slaughterhouse == other.slaughterhouse


@pytest.mark.parametrize(
    ("role", "days", "ok"),
    [
        (WorkerRole.SLAUGHTERER, 0, True),  # the 18th birthday
        (WorkerRole.SLAUGHTERER, -1, False),
        (WorkerRole.CONTROLLER, -1, False),
        (WorkerRole.OPERATOR, -1, True),  # GOST 7.6.3 does not ask for an adult
    ],
)
def test_slaughterers_and_controllers_are_adults(register, applicant, role, days, ok):
    since = TODAY
    birthday = datetime.date(2008, 6, 15) - datetime.timedelta(days=days)  # 18 on TODAY + days
    data = {"role": role, "full_name": "Юнусов Артур", "birth_date": birthday, "since": since}
    if role == WorkerRole.CONTROLLER:
        data["user"] = applicant
    if ok:
        assert worker_register(slaughterhouse=register.slaughterhouse, by=applicant, data=data)
    else:
        with pytest.raises(ValidationError) as error, translation.override("en"):
            worker_register(slaughterhouse=register.slaughterhouse, by=applicant, data=data)
        assert "adult" in error.value.message_dict["birth_date"][0]


def test_a_controller_signs_under_a_member_account(register, applicant, outsider):
    data = {
        "role": WorkerRole.CONTROLLER,
        "full_name": "Иванов",
        "birth_date": datetime.date(1980, 1, 1),
    }
    for user in (None, outsider):
        with pytest.raises(ValidationError) as error:
            worker_register(
                slaughterhouse=register.slaughterhouse, by=applicant, data={**data, "user": user}
            )
        assert "user" in error.value.message_dict


def test_a_document_scan_is_checked_by_content(register, applicant):
    fake = SimpleUploadedFile("permit.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        from slaughter.services import worker_document_add

        worker_document_add(
            worker=register.operator,
            by=applicant,
            data={
                "kind": "medical",
                "issuer": "x",
                "number": "1",
                "issued_on": TODAY,
                "valid_to": TODAY,
            },
            upload=fake,
        )
    assert "file" in error.value.message_dict
    assert register.operator.documents.count() == 2


# --- the sanitation journal (GOST 7.1) keeps the same rule ---


def cleaning(**extra):
    return {
        "date": TODAY,
        "equipment": "Разделочный стол № 1",
        "kind": "routine",
        "performers": "Иванова",
        "test_kind": "express",
        "test_result": "АТФ-тест: норма",
        "test_passed": True,
        **extra,
    }


def test_the_sanitation_journal_of_a_slaughterhouse_is_signed_by_its_controller(
    register, organization, applicant, second_applicant
):
    with pytest.raises(ValidationError) as error, translation.override("en"):
        sanitation_entry_record(organization=organization, by=second_applicant, data=cleaning())
    assert "GOST 7.6.4" in error.value.message_dict[NON_FIELD_ERRORS][0]
    assert sanitation_entry_record(organization=organization, by=applicant, data=cleaning())


def test_the_sanitation_journal_refuses_an_expired_permit(register, organization, applicant):
    register.controller.documents.filter(kind=DocumentKind.PERMIT).update(
        valid_to=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error, translation.override("en"):
        sanitation_entry_record(organization=organization, by=applicant, data=cleaning())
    assert "expired on 14.06.2026" in error.value.message_dict[NON_FIELD_ERRORS][0]


def test_an_enterprise_without_slaughterhouses_signs_as_before(organization, applicant):
    assert sanitation_entry_record(organization=organization, by=applicant, data=cleaning())


# --- documents ending soon (Celery beat, one notice each) ---


def test_documents_ending_within_30_days_are_told_once(register, applicant, secretary):
    operator = register.operator
    operator.documents.filter(kind=DocumentKind.MEDICAL).update(
        valid_to=TODAY + datetime.timedelta(days=30)
    )
    operator.documents.filter(kind=DocumentKind.QUALIFICATION).update(
        valid_to=TODAY + datetime.timedelta(days=31)
    )
    assert register_documents_remind_task() == 1
    notices = Notification.objects.filter(key__startswith="slaughter-documents:")
    assert {n.user for n in notices} == {applicant, secretary}
    assert "medical" in notices.first().body or "медицин" in notices.first().body
    assert register_documents_remind(today=TODAY + datetime.timedelta(days=1)) == 1  # the 31st
    assert register_documents_remind(today=TODAY + datetime.timedelta(days=1)) == 0


def test_a_renewed_document_is_not_told(register, applicant):
    medical = register.operator.documents.get(kind=DocumentKind.MEDICAL)
    medical.valid_to = TODAY + datetime.timedelta(days=10)
    medical.save()
    add_document(register.operator, applicant, DocumentKind.MEDICAL, number="02")
    assert register_documents_remind() == 0
    assert WorkerDocument.objects.filter(expiry_notice_at__isnull=False).count() == 0


# --- pages ---


def register_url(organization):
    return reverse("slaughter:register", kwargs={"org_pk": organization.pk})


def test_the_register_page_shows_each_document_and_who_may_work(
    client, register, organization, applicant
):
    register.slaughterers[0].documents.filter(kind=DocumentKind.PERMIT).update(
        valid_to=TODAY - datetime.timedelta(days=1)
    )
    client.force_login(applicant)
    page = client.get(register_url(organization), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Хабибуллин Ренат" in page and "expired on 14.06.2026" in page


def test_a_member_adds_a_person_and_a_document_through_the_pages(client, register, applicant):
    organization = register.slaughterhouse.organization
    client.force_login(applicant)
    url = reverse(
        "slaughter:worker-create",
        kwargs={"org_pk": organization.pk, "house_pk": register.slaughterhouse.pk},
    )
    data = {
        "role": "slaughterer",
        "full_name": "Юнусов Артур",
        "birth_date": "1990-01-01",
        "since": "2026-06-01",
    }
    assert client.post(url, data).status_code == 302
    worker = register.slaughterhouse.workers.get(full_name="Юнусов Артур")
    url = reverse(
        "slaughter:document-add", kwargs={"org_pk": organization.pk, "worker_pk": worker.pk}
    )
    from tests.files import pdf_upload

    data = {
        "kind": "permit",
        "issuer": "ДУМ РТ",
        "number": "77",
        "issued_on": "2026-06-01",
        "valid_to": "2027-06-01",
        "file": pdf_upload(),
    }
    assert client.post(url, data).status_code == 302
    document = worker.documents.get()
    assert client.get(document.get_absolute_url()).status_code == 200


def test_others_do_not_reach_the_register(client, register, outsider):
    organization = register.slaughterhouse.organization
    document = register.operator.documents.first()
    client.force_login(outsider)
    assert client.get(register_url(organization)).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


def test_the_auditor_of_the_check_reads_the_register_but_does_not_keep_it(
    client, started, register, auditor
):
    organization = register.slaughterhouse.organization
    client.force_login(auditor)
    assert client.get(register_url(organization)).status_code == 200
    url = reverse("slaughter:slaughterhouse-create", kwargs={"org_pk": organization.pk})
    assert client.post(url, {"name": "Бойня № 3"}).status_code == 403


def test_section_2_of_the_act_shows_the_register_on_the_check_dates(
    client, production_act, register, auditor
):
    check = production_act.production_check
    register.operator.documents.filter(kind=DocumentKind.MEDICAL).update(valid_to=check.start_date)
    client.force_login(auditor)
    url = reverse("audits:act-section", kwargs={"check_pk": check.pk, "section": 2})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"On {check.start_date:%d.%m.%Y}" in page and f"On {check.end_date:%d.%m.%Y}" in page
    # Valid on the first day, expired on the last.
    assert f"expired on {check.start_date:%d.%m.%Y}" in page and page.count("— <strong>") == 1
