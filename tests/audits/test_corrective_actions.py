"""Corrective actions while the work is suspended and their verification (GOST 8.16)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audits import services
from audits.models import CorrectiveAction, EvidenceFile, ProductionCheck
from tests.certification.workflow import decide
from tests.files import pdf_upload


@pytest.fixture
def suspended(under_review, secretary, commission):
    decide(under_review, "proceed", secretary=secretary, members=commission)
    decide(
        under_review,
        "suspend",
        secretary=secretary,
        members=commission,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        grounds="Нет журнала санитарной обработки\nНет ветеринарных документов на сырьё",
    )
    return under_review


@pytest.fixture
def nonconformity(suspended):
    return suspended.nonconformities.first()


def file_action(nonconformity, by, uploads=None):
    return services.corrective_action_file(
        nonconformity=nonconformity,
        by=by,
        cause="Не назначен ответственный",
        action="Назначен халяль-контролер, журнал заведён",
        done_on=timezone.localdate(),
        uploads=[pdf_upload("журнал.pdf")] if uploads is None else uploads,
    )


def stored_files(settings):
    root = settings.MEDIA_ROOT / "evidence"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def bad_file():
    return SimpleUploadedFile("фото.pdf", b"MZ\x90\x00" + b"\x00" * 200)


def test_suspension_lists_the_nonconformities(suspended):
    assert suspended.nonconformities.count() == 2


def test_action_is_filed_with_a_pdf(nonconformity, applicant, settings):
    action = file_action(nonconformity, applicant)
    evidence = action.files.get()
    assert evidence.original_name == "журнал.pdf" and evidence.content_type == "application/pdf"
    assert "журнал" not in evidence.file.name  # stored under a random name


def test_bad_file_stores_nothing(nonconformity, applicant, settings):
    with pytest.raises(ValidationError):
        file_action(nonconformity, applicant, uploads=[pdf_upload(), bad_file()])
    assert not CorrectiveAction.objects.exists() and not EvidenceFile.objects.exists()
    assert not stored_files(settings)


def test_action_needs_evidence(nonconformity, applicant):
    with pytest.raises(ValidationError):
        file_action(nonconformity, applicant, uploads=[])


def test_outsider_cannot_file(nonconformity, outsider):
    with pytest.raises(PermissionDenied):
        file_action(nonconformity, outsider)


def test_filing_needs_a_suspended_application(under_review, applicant):
    nonconformity = under_review.nonconformities.create(description="Нет схемы цехов")
    with pytest.raises(ValidationError):
        file_action(nonconformity, applicant)


def test_secretary_accepts_the_action(nonconformity, applicant, secretary):
    action = services.corrective_action_verify(
        action=file_action(nonconformity, applicant), by=secretary, accepted=True, note=""
    )
    nonconformity.refresh_from_db()
    assert (action.verified_by, action.accepted) == (secretary, True)
    assert nonconformity.closed_at is not None


def test_rejection_needs_a_note(nonconformity, applicant, secretary):
    action = file_action(nonconformity, applicant)
    with pytest.raises(ValidationError):
        services.corrective_action_verify(action=action, by=secretary, accepted=False, note="")


def test_auditor_of_the_check_verifies(nonconformity, applicant):
    from tests.factories import UserFactory

    auditor = UserFactory(role_auditor=True)
    ProductionCheck.objects.create(application=nonconformity.application).participants.add(auditor)
    action = services.corrective_action_verify(
        action=file_action(nonconformity, applicant), by=auditor, accepted=False, note="Нет подписи"
    )
    assert action.verified_by == auditor


def test_applicant_cannot_verify(nonconformity, applicant):
    action = file_action(nonconformity, applicant)
    with pytest.raises(PermissionDenied):
        services.corrective_action_verify(action=action, by=applicant, accepted=True)


def action_url(nonconformity):
    return reverse(
        "audits:application-corrective-action",
        kwargs={"pk": nonconformity.application_id, "nonconformity_pk": nonconformity.pk},
    )


def action_post(files):
    return {
        "cause": "Не назначен ответственный",
        "action": "Журнал заведён",
        "done_on": timezone.localdate().isoformat(),
        "files": files,
    }


def test_applicant_files_through_the_page(client, applicant, nonconformity):
    client.force_login(applicant)
    response = client.post(action_url(nonconformity), action_post([pdf_upload()]))
    assert response.status_code == 302
    assert nonconformity.actions.get().files.count() == 1


def test_bad_file_through_the_page_is_named(client, applicant, nonconformity, settings):
    client.force_login(applicant)
    response = client.post(action_url(nonconformity), action_post([pdf_upload(), bad_file()]))
    assert response.status_code == 400 and "фото.pdf" in response.content.decode()
    assert not CorrectiveAction.objects.exists() and not stored_files(settings)


def test_evidence_downloads_as_an_attachment(client, applicant, nonconformity):
    evidence = file_action(nonconformity, applicant).files.get()
    client.force_login(applicant)
    response = client.get(
        reverse(
            "audits:application-evidence",
            kwargs={"pk": nonconformity.application_id, "evidence_pk": evidence.pk},
        )
    )
    assert response["Content-Disposition"].startswith("attachment")


def test_commission_reads_the_actions(client, commission, applicant, nonconformity):
    file_action(nonconformity, applicant)
    client.force_login(commission[0])
    page = client.get(nonconformity.application.get_absolute_url()).content.decode()
    assert "Назначен халяль-контролер, журнал заведён" in page


def test_secretary_verifies_through_the_page(client, secretary, applicant, nonconformity):
    action = file_action(nonconformity, applicant)
    client.force_login(secretary)
    client.post(
        reverse(
            "audits:application-action-verify",
            kwargs={"pk": nonconformity.application_id, "action_pk": action.pk},
        ),
        {f"verify-{action.pk}-accepted": "1", f"verify-{action.pk}-note": ""},
    )
    action.refresh_from_db()
    assert action.accepted is True
