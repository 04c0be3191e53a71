"""The certificate page and the API detail come from the cache while the certificate is
unchanged (one query), and never after it changed: status, annex, signature, PDF."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from certification import services
from tests.certification.workflow import decide
from tests.factories import category, normative_document

from .conftest import ready_pdf

PAGE = reverse("registry:certificate", kwargs={"number": "ХП.00001"})
DETAIL = reverse("registry-certificate-detail", kwargs={"number": "ХП.00001"})
VERIFY = reverse("registry:certificate-verify", kwargs={"number": "ХП.00001"})
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.mark.django_db
def test_an_unchanged_page_takes_one_query(client, issued, django_assert_num_queries):
    client.get(PAGE)
    with django_assert_num_queries(1):
        response = client.get(PAGE)
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_unchanged_api_answer_takes_one_query(client, issued, django_assert_num_queries):
    client.get(DETAIL)
    with django_assert_num_queries(1):
        response = client.get(DETAIL)
    assert response.json()["number"] == "ХП.00001"


@pytest.mark.django_db
def test_a_suspension_after_caching_shows_at_once(
    client, issued, under_review, secretary, commission
):
    client.get(PAGE), client.get(DETAIL)
    decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    assert 'class="badge cert-suspended"' in client.get(PAGE).content.decode()
    assert client.get(DETAIL).json()["status"] == "suspended"


@pytest.mark.django_db
def test_an_annex_after_caching_shows_at_once(
    client, issued, under_review, applicant, secretary, commission
):
    client.get(DETAIL)
    request = services.annex_request_create(
        certificate=issued,
        by=applicant,
        products=[
            {"name": "Нуга", "category": category(), "normative_document": normative_document()}
        ],
    )
    decide(
        under_review, "issue_annex", secretary=secretary, members=commission, annex_request=request
    )
    assert [a["number"] for a in client.get(DETAIL).json()["annexes"]] == [1]


@pytest.mark.django_db
def test_a_rendered_pdf_after_caching_shows_at_once(client, issued):
    client.get(PAGE)
    document = ready_pdf(issued)
    assert document.sha256 in client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_a_cached_page_carries_the_visitors_own_csrf_token(issued):
    Client().get(PAGE)  # another visitor fills the cache
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(PAGE).content.decode()
    token = TOKEN.search(html).group(1)
    response = visitor.post(VERIFY, {"csrfmiddlewaretoken": token})
    assert response.status_code == 400  # past the CSRF check: no file chosen


@pytest.mark.django_db
def test_a_logged_in_user_gets_the_page_with_the_own_menu(client, issued, applicant):
    Client().get(PAGE)
    client.force_login(applicant)
    assert applicant.get_short_name() in client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_each_language_has_its_own_cached_page(client, issued):
    client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<html lang="ru">' in html
