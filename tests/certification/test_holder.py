"""What the certificate holder and the head see and do (GOST 8.6, 8.16–8.19, Annexes К, Л)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certification import rules, services
from certification.models import (
    AnnexRequest,
    Application,
    DocumentType,
    InvoiceState,
    Remark,
    Tariff,
)
from tests.certification.workflow import decide, issue
from tests.factories import category, normative_document


@pytest.fixture
def certificate(under_review, secretary, commission, head):
    issue(under_review, secretary=secretary, members=commission)
    return under_review.certificate


@pytest.fixture
def invoice(under_review):
    Tariff.objects.create(stage="document_review", amount="15000.00", currency="RUB")
    return services.invoice_issue(application=under_review, stage="document_review")


def annex_post(**product):
    data = {
        "products-TOTAL_FORMS": "3",
        "products-INITIAL_FORMS": "0",
        "products-MIN_NUM_FORMS": "1",
        "products-MAX_NUM_FORMS": "50",
        "products-0-name": product.get("name", "Халва подсолнечная"),
        "products-0-category": category().pk,
        "products-0-normative_document": normative_document().pk,
        "products-0-serial_production": "on",
        "products-1-serial_production": "on",
        "products-2-serial_production": "on",
        "note": "",
    }
    return data


def test_holder_sees_own_certificates(client, applicant, certificate):
    client.force_login(applicant)
    response = client.get(reverse("certification:certificate-list"))
    assert certificate.number in response.content.decode()


def test_outsider_sees_no_certificate(client, outsider, certificate):
    client.force_login(outsider)
    response = client.get(reverse("certification:certificate-list"))
    assert certificate.number not in response.content.decode()


def test_staff_filter_certificates_by_status(client, secretary, certificate):
    client.force_login(secretary)
    url = reverse("certification:certificate-list")
    assert certificate.number in client.get(url, {"status": "valid"}).content.decode()
    assert certificate.number not in client.get(url, {"status": "withdrawn"}).content.decode()


def test_certificate_page_shows_the_protocol(client, applicant, certificate):
    client.force_login(applicant)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert certificate.meeting.protocol_reference in page
    assert "cert-valid" in page


def test_product_type_puts_products_in_annex_one(
    client, applicant, under_review, secretary, commission, head
):
    # Л.4.4: the certificate names the type; annex No. 1 lists the products.
    decide(under_review, "proceed", secretary=secretary, members=commission)
    today = timezone.localdate()
    decide(
        under_review,
        "issue",
        secretary=secretary,
        members=commission,
        valid_from=today,
        valid_to=today + datetime.timedelta(days=365),
        product_type="Кондитерские изделия восточные",
    )
    certificate = under_review.certificate
    client.force_login(applicant)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert str(certificate.annexes.get()) in page
    assert "Пахлава медовая" in page


def test_head_signs_the_certificate(client, head, certificate):
    client.force_login(head)
    client.post(reverse("certification:certificate-sign", kwargs={"pk": certificate.pk}))
    certificate.refresh_from_db()
    assert certificate.signed_by == head


def test_holder_cannot_sign(client, applicant, certificate):
    client.force_login(applicant)
    url = reverse("certification:certificate-sign", kwargs={"pk": certificate.pk})
    assert client.post(url).status_code == 403


def test_to_sign_lists_unsigned_certificates(client, head, certificate):
    client.force_login(head)
    response = client.get(reverse("certification:to-sign"))
    assert certificate.number in response.content.decode()


def test_annex_request_is_sent(client, applicant, certificate):
    # GOST 8.18
    client.force_login(applicant)
    url = reverse("certification:certificate-annex-request", kwargs={"pk": certificate.pk})
    response = client.post(url, annex_post())
    request = AnnexRequest.objects.get()
    assert response.status_code == 302
    assert [p.name for p in request.products.all()] == ["Халва подсолнечная"]


def test_annex_request_refuses_a_name_evoking_a_haram_product(client, applicant, certificate):
    # GOST 7.2
    client.force_login(applicant)
    url = reverse("certification:certificate-annex-request", kwargs={"pk": certificate.pk})
    response = client.post(url, annex_post(name="Пиво безалкогольное"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "GOST 7.2" in response.content.decode()
    assert not AnnexRequest.objects.exists()


def test_annex_request_refused_within_six_months_of_expiry(
    client, applicant, under_review, secretary, commission, head
):
    # GOST 8.18: the certificate ends in about a month; the cut-off date is named.
    issue(
        under_review,
        secretary=secretary,
        members=commission,
        valid_from=timezone.localdate() - datetime.timedelta(days=700),
    )
    certificate = under_review.certificate
    cutoff = rules.annex_cutoff(certificate).strftime("%d.%m.%Y")
    client.force_login(applicant)
    url = reverse("certification:certificate-annex-request", kwargs={"pk": certificate.pk})
    response = client.post(url, annex_post())
    assert response.status_code == 400
    assert cutoff in response.content.decode()
    assert not AnnexRequest.objects.exists()


def test_renewal_is_prefilled(client, applicant, certificate):
    client.force_login(applicant)
    response = client.post(
        reverse("certification:certificate-renew", kwargs={"pk": certificate.pk})
    )
    renewal = Application.objects.get(renews=certificate)
    assert response["Location"] == reverse(
        "certification:application-step", kwargs={"pk": renewal.pk, "step": "organization"}
    )
    assert [p.name for p in renewal.products.all()] == ["Пахлава медовая"]


def test_second_renewal_goes_to_the_first(client, applicant, certificate):
    client.force_login(applicant)
    url = reverse("certification:certificate-renew", kwargs={"pk": certificate.pk})
    client.post(url)
    client.post(url)
    assert Application.objects.filter(renews=certificate).count() == 1


def test_applicant_sees_the_invoice(client, applicant, invoice):
    client.force_login(applicant)
    page = client.get(invoice.application.get_absolute_url()).content.decode()
    assert invoice.number in page and "15\xa0000,00\xa0RUB" in page  # the locale's money


def test_invoice_list_of_the_applicant(client, applicant, invoice):
    client.force_login(applicant)
    response = client.get(reverse("certification:invoice-list"))
    assert invoice.number in response.content.decode()


def test_secretary_marks_the_invoice_paid(client, secretary, invoice):
    client.force_login(secretary)
    client.post(
        reverse(
            "certification:application-invoice-paid",
            kwargs={"pk": invoice.application_id, "invoice_pk": invoice.pk},
        )
    )
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.PAID


def test_applicant_cannot_mark_paid(client, applicant, invoice):
    client.force_login(applicant)
    url = reverse(
        "certification:application-invoice-paid",
        kwargs={"pk": invoice.application_id, "invoice_pk": invoice.pk},
    )
    assert client.post(url).status_code == 403
    invoice.refresh_from_db()
    assert invoice.state == InvoiceState.ISSUED


def test_remark_is_shown_under_its_document(client, applicant, secretary, under_review):
    # GOST 8.10
    doc_type = DocumentType.objects.get(code="legal-status")
    services.application_return(
        application=under_review, by=secretary, comment="", remarks=[(doc_type, "Нет печати")]
    )
    client.force_login(applicant)
    url = reverse(
        "certification:application-step", kwargs={"pk": under_review.pk, "step": "documents"}
    )
    page = client.get(url).content.decode()
    card = page[page.index('id="doc-legal-status"') :]
    assert "Нет печати" in card[: card.index("</li>")]


def test_open_remarks_are_in_the_panel(client, applicant, secretary, under_review):
    Remark.objects.create(application=under_review, text="Приложите схему цехов", by=secretary)
    services.application_return(application=under_review, by=secretary, comment="Дополнить")
    client.force_login(applicant)
    page = client.get(under_review.get_absolute_url()).content.decode()
    assert "Приложите схему цехов" in page


def test_applicant_sees_the_decision_with_its_grounds(
    client, applicant, under_review, secretary, commission
):
    decide(
        under_review,
        "refuse",
        secretary=secretary,
        members=commission,
        grounds="Сырьё животного происхождения без ветеринарных документов",
    )
    client.force_login(applicant)
    page = client.get(under_review.get_absolute_url()).content.decode()
    panel = page[page.index('id="decisions-heading"') :]
    assert "Сырьё животного происхождения без ветеринарных документов" in panel


def test_staff_without_the_application_see_its_number_but_no_link(client, certificate):
    """Every certificate is open to the body's staff, the application behind it is not: an
    expert-auditor who did not check it gets no link that would end in a 404."""
    from tests.audits.helpers import auditor_with_power

    client.force_login(auditor_with_power())
    response = client.get(certificate.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert certificate.application.number in page
    assert certificate.application.get_absolute_url() not in page


def test_holder_follows_the_link_to_the_application(client, applicant, certificate):
    client.force_login(applicant)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert certificate.application.get_absolute_url() in page
