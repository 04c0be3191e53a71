"""PDFs on the pages: download through the object's selector, live status, staff retry."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from certification.services import certificate_sign
from halal_portal.models import DocumentStatus, RenderedDocument
from halal_portal.tasks import render_document_task

pytestmark = pytest.mark.django_db


def ready(kind: str, obj) -> RenderedDocument:
    document = RenderedDocument.objects.get(kind=kind, object_id=obj.pk)
    render_document_task.delay(document.pk)
    document.refresh_from_db()
    return document


def url(name: str, document: RenderedDocument) -> str:
    return reverse(name, kwargs={"document_pk": document.pk})


def test_holder_downloads_the_certificate_once_signed(client, applicant, certified, head):
    certificate_sign(certificate=certified, by=head)
    document = ready("certificate", certified)
    client.force_login(applicant)
    response = client.get(url("pdf-download", document))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert quote(f"Сертификат {certified.number}.pdf") in response["Content-Disposition"]


def test_holder_cannot_download_a_certificate_the_head_has_not_signed(client, applicant, certified):
    # Annex Л, Л.4.6: the registry shows it as not issued until then; so does the holder's page.
    document = ready("certificate", certified)
    client.force_login(applicant)
    assert client.get(url("pdf-download", document)).status_code == 404


def test_staff_see_the_unsigned_certificate_to_check_it(client, head, certified):
    document = ready("certificate", certified)
    client.force_login(head)
    assert client.get(url("pdf-download", document)).status_code == 200


@pytest.mark.parametrize("name", ["pdf-download", "pdf-status"])
def test_outsider_gets_404(client, outsider, certified, name):
    document = ready("certificate", certified)
    client.force_login(outsider)
    assert client.get(url(name, document)).status_code == 404


def test_outsider_cannot_retry(client, outsider, certified):
    client.force_login(outsider)
    document = RenderedDocument.objects.get(kind="certificate")
    assert client.post(url("pdf-retry", document)).status_code == 404


def test_document_not_ready_is_not_downloaded(client, applicant, certified):
    client.force_login(applicant)
    document = RenderedDocument.objects.get(kind="certificate")
    assert client.get(url("pdf-download", document)).status_code == 404


def test_conclusion_is_for_the_body_not_the_applicant(client, applicant, secretary, reviewed):
    from certification import services

    conclusion = services.conclusion_save(
        application=reviewed, by=secretary, outcome="production_check", text="Документы полные."
    )
    document = ready("conclusion", conclusion)
    client.force_login(applicant)
    assert client.get(url("pdf-download", document)).status_code == 404
    client.force_login(secretary)
    assert client.get(url("pdf-download", document)).status_code == 200


def test_status_tells_the_page_when_the_pdf_is_ready(client, applicant, certified, head):
    certificate_sign(certificate=certified, by=head)
    client.force_login(applicant)
    document = RenderedDocument.objects.get(kind="certificate")
    pending = client.get(url("pdf-status", document)).json()
    render_document_task.delay(document.pk)
    done = client.get(url("pdf-status", document)).json()
    assert pending["pending"] is True and done["status"] == DocumentStatus.READY
    assert url("pdf-download", document) in done["html"]


def test_secretary_retries_a_failed_document_from_the_page(client, secretary, certified):
    document = RenderedDocument.objects.get(kind="certificate")
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.FAILED, failure_reason="OSError: disk full"
    )
    client.force_login(secretary)
    page = client.get(certified.get_absolute_url())
    response = client.post(url("pdf-retry", document), {"next": certified.get_absolute_url()})
    document.refresh_from_db()
    assert (
        "disk full" in page.content.decode() and url("pdf-retry", document) in page.content.decode()
    )
    assert response.status_code == 302 and document.status == DocumentStatus.QUEUED


def test_applicant_may_not_retry(client, applicant, certified, head):
    certificate_sign(certificate=certified, by=head)
    document = RenderedDocument.objects.get(kind="certificate")
    RenderedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.FAILED)
    client.force_login(applicant)
    assert client.post(url("pdf-retry", document)).status_code == 403


def test_application_page_shows_its_pdf_with_the_status(client, applicant, filed):
    client.force_login(applicant)
    content = client.get(filed.get_absolute_url()).content.decode()
    document = RenderedDocument.objects.get(kind="application", object_id=filed.pk)
    assert url("pdf-status", document) in content and "js/documents.js" in content


def test_meeting_page_shows_the_protocol(client, secretary, certified):
    client.force_login(secretary)
    document = ready("protocol", certified.meeting)
    content = client.get(certified.meeting.get_absolute_url()).content.decode()
    assert url("pdf-download", document) in content


def test_certificate_page_offers_the_sign_to_the_holder(client, applicant, certified):
    client.force_login(applicant)
    content = client.get(certified.get_absolute_url()).content.decode()
    assert reverse("certification:certificate-mark-svg", kwargs={"pk": certified.pk}) in content
