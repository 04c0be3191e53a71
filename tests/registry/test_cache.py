"""The certificate page and the API detail are kept in Django's cache: no query while the
certificate is unchanged, one on a miss, and never a stale answer after a change commits
(status, annex, signature, PDF) or past midnight (GOST 8.6). Anonymous answers may be kept a
minute by proxies; a logged-in user's page is the user's own."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certification import services
from tests.certification.workflow import decide
from tests.factories import category, normative_document

from .conftest import ready_pdf

PAGE = reverse("registry:certificate", kwargs={"number": "ХП.00001"})
DETAIL = reverse("registry-certificate-detail", kwargs={"number": "ХП.00001"})
PUBLIC = "public, max-age=60"


@pytest.mark.django_db
@pytest.mark.parametrize("url", [PAGE, DETAIL])
def test_one_query_cold_none_warm(client, issued, url, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", [PAGE, DETAIL])
def test_the_queries_do_not_grow_with_the_registry(
    client, issued, make_certificate, url, django_assert_num_queries
):
    for _ in range(20):
        make_certificate()
    with django_assert_num_queries(1):
        client.get(url)
    with django_assert_num_queries(0):
        client.get(url)


@pytest.mark.django_db
def test_a_suspension_after_caching_shows_at_once(
    client, issued, under_review, secretary, commission, on_commit
):
    client.get(PAGE), client.get(DETAIL)
    with on_commit():
        decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    assert 'class="badge cert-suspended"' in client.get(PAGE).content.decode()
    assert client.get(DETAIL).json()["status"] == "suspended"


@pytest.mark.django_db
def test_an_answer_read_before_the_commit_is_not_kept_after_it(client, issued):
    # A request that read the record just before a change committed must not put the old
    # answer back: the commit leaves a mark that the late request cannot overwrite.
    from registry import answers

    answers.forget(["ХП.00001"])  # a change commits while a request makes its answer ...
    answers.kept(answers.detail_key("ХП.00001"), lambda today: ("late", {"number": "old"}))
    assert client.get(DETAIL).json()["number"] == "ХП.00001"  # ... which was not kept


@pytest.mark.django_db
def test_an_annex_after_caching_shows_at_once(
    client, issued, under_review, applicant, secretary, commission, on_commit
):
    client.get(DETAIL)
    request = services.annex_request_create(
        certificate=issued,
        by=applicant,
        products=[
            {"name": "Нуга", "category": category(), "normative_document": normative_document()}
        ],
    )
    with on_commit():
        decide(
            under_review,
            "issue_annex",
            secretary=secretary,
            members=commission,
            annex_request=request,
        )
    assert [a["number"] for a in client.get(DETAIL).json()["annexes"]] == [1]


@pytest.mark.django_db
def test_a_rendered_pdf_after_caching_shows_at_once(client, issued, on_commit):
    client.get(PAGE)
    with on_commit():
        document = ready_pdf(issued)
    assert document.sha256 in client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_the_kept_page_expires_at_midnight(client, issued):
    # GOST 8.6: the day after its end date the certificate is expired, cache or not.
    evening = datetime.datetime.combine(issued.valid_to, datetime.time(23))
    last_evening = timezone.make_aware(evening)
    with time_machine.travel(last_evening, tick=False):
        assert 'class="badge cert-valid"' in client.get(PAGE).content.decode()
    with time_machine.travel(last_evening + datetime.timedelta(hours=1, seconds=1), tick=False):
        assert 'class="badge cert-expired"' in client.get(PAGE).content.decode()
        assert client.get(DETAIL).json()["status"] == "expired"


@pytest.mark.django_db
def test_anonymous_answers_may_be_kept_a_minute_and_set_no_cookie(client, issued):
    for url in (PAGE, DETAIL, reverse("registry:search")):
        response = client.get(url)
        assert response["Cache-Control"] == PUBLIC, url
        assert not response.cookies, url  # nothing of the visitor's own: proxies may share it
    assert "Cookie" in client.get(PAGE)["Vary"]


@pytest.mark.django_db
def test_a_logged_in_user_gets_the_page_with_the_own_menu_never_shared(client, issued, applicant):
    Client().get(PAGE)  # an anonymous visitor fills the cache
    client.force_login(applicant)
    response = client.get(PAGE)
    assert applicant.get_short_name() in response.content.decode()
    assert response["Cache-Control"] == "private, no-cache"
    assert client.get(reverse("registry:search"))["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_each_language_has_its_own_kept_page(client, issued):
    client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<html lang="ru">' in html and "Сертификат ХП.00001" in html
    assert '<html lang="en">' in client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.django_db
def test_an_unchanged_page_is_revalidated_with_304(client, issued):
    etag = client.get(PAGE)["ETag"]
    response = client.get(PAGE, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response.content) == (304, b"")


@pytest.mark.django_db
def test_a_query_string_gets_its_own_rendering(client, issued):
    # The language switch returns to the full path, query string included.
    html = client.get(PAGE, {"utm_source": "qr"}).content.decode()
    assert 'value="/registry/%D0%A5%D0%9F.00001/?utm_source=qr"' in html
