"""The holder's letters on an issued certificate: suspended, resumed or withdrawn by the
commission's decision (GOST 8.6: the sign only while the certificate is valid). Issued when the
meeting closes, frozen from then on, listed on the certificate's page for the holder and staff."""

import pytest
from django.urls import reverse

from certification.models import Certificate, CertificateStatus
from halal_portal.models import RenderedDocument
from halal_portal.rendering import render_bytes
from halal_portal.tasks import render_document_task
from tests.certification.workflow import decide

from .helpers import missing, pdf_text

pytestmark = pytest.mark.django_db

GROUNDS = "Нарушены требования к раздельному хранению продукции (ГОСТ 7.3)."


def text_of(item) -> str:
    document = RenderedDocument.objects.get(kind="decision_letter", object_id=item.pk)
    return pdf_text(render_bytes("decision_letter", document.snapshot))


@pytest.fixture
def suspension(certified, secretary, commission):
    return decide(
        certified.application,
        "suspend_certificate",
        secretary=secretary,
        members=commission,
        grounds=GROUNDS,
    )


def _common(certificate, item) -> list[str]:
    meeting = item.meeting
    return [
        "РЕШЕНИЕ",
        f"Руководителю {certificate.application.org_name}",
        "Р. Р. Сафин",
        f"протокол от {meeting.protocol_date:%d.%m.%Y} № {meeting.protocol_number}",
        f"сертификата на право маркировки знаком «Халяль» № {certificate.number} со сроком"
        f" действия с {certificate.valid_from:%d.%m.%Y} по {certificate.valid_to:%d.%m.%Y}",
        f"протокол от {certificate.meeting.protocol_date:%d.%m.%Y}"
        f" № {certificate.meeting.protocol_number}",
        "Изготовитель",
        certificate.manufacturer_name,
        "Продукция",
        "Пахлава медовая, ГОСТ 6478-2017, серийное производство",
        "Чак-чак с мёдом, ГОСТ 6478-2017, партия № 15, 03.02.2026, 500 кг",
        "Руководитель уполномоченной организации",
        "подпись",
        "инициалы, фамилия",
        "И. Р. Гарипов",
        "М. П.",
    ]


def test_suspension_letter_names_the_certificate_and_forbids_the_sign(certified, suspension):
    text = text_of(suspension)
    expected = [
        *_common(certified, suspension),
        "о приостановлении действия сертификата на право маркировки знаком «Халяль»",
        f"приостановить действие сертификата на право маркировки знаком «Халяль»"
        f" № {certified.number}",
        f"Обоснование: {GROUNDS}",
        "На время приостановления действия сертификата маркировка продукции знаком «Халяль»"
        " не допускается.",
    ]
    assert missing(text, expected) == [] and "\ufffd" not in text


def test_resumption_letter_allows_the_sign_until_the_certificate_ends(
    certified, suspension, secretary, commission
):
    item = decide(
        certified.application, "resume_certificate", secretary=secretary, members=commission
    )
    text = text_of(item)
    expected = [
        *_common(certified, item),
        "о возобновлении действия сертификата на право маркировки знаком «Халяль»",
        "возобновить действие сертификата на право маркировки знаком «Халяль»"
        f" № {certified.number}",
        f"в течение срока действия сертификата — по {certified.valid_to:%d.%m.%Y}.",
    ]
    assert missing(text, expected) == [] and "\ufffd" not in text


def test_withdrawal_letter_ends_the_certificate(certified, secretary, commission):
    item = decide(
        certified.application,
        "withdraw_certificate",
        secretary=secretary,
        members=commission,
        grounds=GROUNDS,
    )
    text = text_of(item)
    expected = [
        *_common(certified, item),
        "о прекращении действия сертификата на право маркировки знаком «Халяль»",
        f"прекратить действие сертификата на право маркировки знаком «Халяль» № {certified.number}",
        f"Обоснование: {GROUNDS}",
        "Маркировка продукции знаком «Халяль» по данному сертификату не допускается.",
    ]
    assert missing(text, expected) == [] and "\ufffd" not in text
    assert RenderedDocument.objects.get(kind="decision_letter", object_id=item.pk).snapshot[
        "certificate"
    ]["number"] == (certified.number)


def test_a_decision_not_adopted_sends_no_letter(certified, secretary, commission):
    item = decide(
        certified.application,
        "suspend_certificate",
        secretary=secretary,
        members=commission,
        votes=["against"] * 3,
    )
    assert not RenderedDocument.objects.filter(kind="decision_letter", object_id=item.pk).exists()


def test_letter_renders_later_exactly_as_decided(certified, suspension):
    before = text_of(suspension)
    Certificate.objects.filter(pk=certified.pk).update(
        manufacturer_name="ООО «Новое имя»", status=CertificateStatus.VALID
    )
    certified.products.update(name="Другая продукция")
    after = text_of(suspension)
    assert after == before and "Другая продукция" not in after


def test_letter_file_is_named_after_the_certificate(suspension, certified, client, applicant):
    document = RenderedDocument.objects.get(kind="decision_letter", object_id=suspension.pk)
    render_document_task.delay(document.pk)
    client.force_login(applicant)
    response = client.get(reverse("pdf-download", kwargs={"document_pk": document.pk}))
    assert response.status_code == 200
    assert (
        "ХП" in response["Content-Disposition"]
        or "%D0%A5%D0%9F" in (response["Content-Disposition"])
    )


@pytest.mark.parametrize("who", ["applicant", "secretary"])
def test_certificate_page_lists_the_letter(client, request, certified, suspension, who):
    document = RenderedDocument.objects.get(kind="decision_letter", object_id=suspension.pk)
    render_document_task.delay(document.pk)
    client.force_login(request.getfixturevalue(who))
    content = client.get(certified.get_absolute_url()).content.decode()
    assert reverse("pdf-download", kwargs={"document_pk": document.pk}) in content


def test_outsider_does_not_get_the_letter(client, outsider, suspension):
    document = RenderedDocument.objects.get(kind="decision_letter", object_id=suspension.pk)
    render_document_task.delay(document.pk)
    client.force_login(outsider)
    url = reverse("pdf-download", kwargs={"document_pk": document.pk})
    assert client.get(url).status_code == 404
