"""The registered PDFs on the public certificate page and in the API: download by number, the
SHA-256, the state while it is rendered."""

import hashlib

import pytest
from django.urls import reverse

from certification import services
from tests.certification.workflow import decide
from tests.factories import category, normative_document

from .conftest import ready_pdf

PAGE = reverse("registry:certificate", kwargs={"number": "ХП.00001"})
PDF = reverse("registry:certificate-pdf", kwargs={"number": "ХП.00001"})
DETAIL = reverse("registry-certificate-detail", kwargs={"number": "ХП.00001"})
CONTENT = b"%PDF-1.7\n% the registered certificate\n%%EOF\n"


def add_annex(certificate, application, *, applicant, secretary, members):
    request = services.annex_request_create(
        certificate=certificate,
        by=applicant,
        products=[
            {"name": "Нуга", "category": category(), "normative_document": normative_document()}
        ],
    )
    decide(application, "issue_annex", secretary=secretary, members=members, annex_request=request)
    return certificate.annexes.get()


@pytest.mark.django_db
def test_the_pdf_downloads_by_number_with_a_cyrillic_file_name(client, issued):
    ready_pdf(issued, CONTENT)
    response = client.get(PDF)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D0%A5%D0%9F.00001.pdf"
    )


@pytest.mark.django_db
def test_the_pdf_is_streamed_from_storage(client, issued):
    ready_pdf(issued, CONTENT)
    response = client.get(PDF)
    assert response.streaming and b"".join(response.streaming_content) == CONTENT


@pytest.mark.django_db
def test_another_spelling_of_the_number_redirects_to_the_pdf(client, issued):
    ready_pdf(issued, CONTENT)
    response = client.get("/registry/xp1/pdf/")
    assert (response.status_code, response["Location"]) == (301, PDF)


@pytest.mark.django_db
def test_a_pdf_still_rendering_is_404_and_the_page_says_so(client, issued):
    assert client.get(PDF).status_code == 404
    html = client.get(PAGE).content.decode()
    assert 'class="muted pdf-pending"' in html and PDF not in html


@pytest.mark.django_db
def test_the_page_shows_the_link_and_the_sha256(client, issued):
    ready_pdf(issued, CONTENT)
    html = client.get(PAGE).content.decode()
    assert PDF in html and hashlib.sha256(CONTENT).hexdigest() in html


@pytest.mark.django_db
def test_the_pdf_of_an_unsigned_certificate_is_not_public(client, decided):
    ready_pdf(decided, CONTENT)
    assert client.get(PDF).status_code == 404


@pytest.mark.django_db
def test_an_annex_has_its_own_pdf(client, issued, under_review, applicant, secretary, commission):
    annex = add_annex(
        issued, under_review, applicant=applicant, secretary=secretary, members=commission
    )
    ready_pdf(annex, b"%PDF-1.7\n% annex\n%%EOF\n")
    url = reverse("registry:annex-pdf", kwargs={"number": "ХП.00001", "annex": 1})
    response = client.get(url)
    assert response.status_code == 200
    assert "filename*=utf-8''" in response["Content-Disposition"]


@pytest.mark.django_db
def test_an_unknown_annex_pdf_is_404(client, issued):
    url = reverse("registry:annex-pdf", kwargs={"number": "ХП.00001", "annex": 7})
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_api_gives_the_pdf_url_and_sha256(client, issued, settings):
    ready_pdf(issued, CONTENT)
    data = client.get(DETAIL).json()
    assert data["pdf_url"] == settings.SITE_URL + PDF
    assert data["sha256"] == hashlib.sha256(CONTENT).hexdigest()


@pytest.mark.django_db
def test_the_api_gives_no_pdf_url_while_it_is_rendered(client, issued):
    data = client.get(DETAIL).json()
    assert (data["pdf_url"], data["sha256"]) == (None, None)


@pytest.mark.django_db
def test_the_api_gives_each_annex_its_pdf(
    client, issued, under_review, applicant, secretary, commission
):
    annex = add_annex(
        issued, under_review, applicant=applicant, secretary=secretary, members=commission
    )
    ready_pdf(annex, b"%PDF-1.7\n% annex\n%%EOF\n")
    assert (
        client.get(DETAIL).json()["annexes"][0]["sha256"]
        == hashlib.sha256(b"%PDF-1.7\n% annex\n%%EOF\n").hexdigest()
    )


@pytest.mark.django_db
def test_a_rerender_changes_the_etag(client, issued, on_commit):
    ready_pdf(issued, CONTENT)
    etag = client.get(DETAIL)["ETag"]
    with on_commit():
        ready_pdf(issued, b"%PDF-1.7\n% rendered again\n%%EOF\n")
    response = client.get(DETAIL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


@pytest.mark.django_db
def test_an_unchanged_pdf_is_revalidated_with_304(client, issued):
    ready_pdf(issued, CONTENT)
    etag = client.get(PDF)["ETag"]
    assert client.get(PDF, HTTP_IF_NONE_MATCH=etag).status_code == 304
