"""The registry's search page: numbers, texts, filters, pages; never a 500."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import queries_of

SEARCH = "/registry/"
ROBUST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


ROW = re.compile(r'<td class="nowrap"><a href="[^"]+">(ХП\.\d{5})</a></td>')
MESSAGE = re.compile(r'<p class="message message-(\w+)" role="(?:alert|status)"[^>]*>([^<]+)</p>')


def numbers_on(response) -> list[str]:
    """The certificates listed on the page, in their order."""
    return ROW.findall(response.content.decode())


def messages_on(response) -> dict[str, str]:
    """The page's messages by kind (warning, error)."""
    return dict(MESSAGE.findall(response.content.decode()))


@pytest.mark.django_db
def test_a_number_in_any_spelling_opens_the_certificate(client, make_certificate):
    make_certificate(number="ХП.00001")
    response = client.get(SEARCH, {"q": "xp 1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:certificate", kwargs={"number": "ХП.00001"})


@pytest.mark.django_db
def test_a_number_not_in_the_registry_says_so(client, make_certificate):
    make_certificate(number="ХП.00001")
    response = client.get(SEARCH, {"q": "ХП.00042"})
    assert "ХП.00042" in messages_on(response)["warning"]


@pytest.mark.django_db
def test_a_short_text_gets_a_message_and_no_results(client, make_certificate):
    make_certificate()
    response = client.get(SEARCH, {"q": "ка"})
    assert messages_on(response)["warning"] and numbers_on(response) == []


@pytest.mark.django_db
def test_manufacturer_search_ignores_case(client, make_certificate):
    make_certificate(number="ХП.00001", manufacturer="ООО «Казанские сладости»")
    make_certificate(number="ХП.00002", manufacturer="ТОО «Дала Ет»")
    response = client.get(SEARCH, {"q": "казанские"})
    assert numbers_on(response) == ["ХП.00001"]


@pytest.mark.django_db
def test_product_search_finds_the_certificate(client, make_certificate):
    make_certificate(number="ХП.00001", product="Халва подсолнечная")
    make_certificate(number="ХП.00002", product="Чак-чак")
    assert numbers_on(client.get(SEARCH, {"q": "халва"})) == ["ХП.00001"]


@pytest.mark.django_db
def test_requested_products_are_not_searchable_until_the_annex_is_issued(client, issued, applicant):
    from certification import services
    from tests.factories import category, normative_document

    services.annex_request_create(
        certificate=issued,
        by=applicant,
        products=[
            {"name": "Нуга", "category": category(), "normative_document": normative_document()}
        ],
    )
    assert numbers_on(client.get(SEARCH, {"q": "нуга"})) == []


@pytest.mark.django_db
def test_filters_by_status_category_and_country(client, make_certificate):
    make_certificate(number="ХП.00001", country="Россия", code="confectionery")
    make_certificate(number="ХП.00002", country="Казахстан", code="meat")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_certificate(number="ХП.00003", country="Казахстан", code="meat", valid_to=yesterday)
    response = client.get(SEARCH, {"status": "valid", "category": "meat", "country": "Казахстан"})
    assert numbers_on(response) == ["ХП.00002"]


@pytest.mark.django_db
def test_pages_hold_25_certificates(client, make_certificate):
    for _ in range(26):
        make_certificate()
    first, second = client.get(SEARCH), client.get(SEARCH, {"page": 2})
    assert (len(numbers_on(first)), 'rel="next"' in first.content.decode()) == (25, True)
    assert len(numbers_on(second)) == 1


@pytest.mark.django_db
def test_a_page_out_of_range_is_404(client):
    assert client.get(SEARCH, {"page": "0"}).status_code == 404


@pytest.mark.django_db
@ROBUST
@given(text=st.text(max_size=120))
def test_any_query_gets_a_page_or_a_redirect(client, text):
    assert client.get(SEARCH, {"q": text}).status_code in (200, 302)


@pytest.mark.django_db
@ROBUST
@given(text=st.text(min_size=1, max_size=60))
def test_any_path_gets_a_page_a_redirect_or_404(client, text):
    response = client.get(f"/registry/{quote(text, safe='')}/")
    assert response.status_code in (200, 301, 404)


@pytest.mark.django_db
def test_results_link_to_the_certificate_page(client, make_certificate):
    make_certificate(number="ХП.00001", manufacturer="ООО «Казанские сладости»")
    html = client.get(SEARCH, {"q": "казанские"}).content.decode()
    assert f'href="{reverse("registry:certificate", kwargs={"number": "ХП.00001"})}"' in html


@pytest.mark.django_db
def test_a_text_matching_too_many_asks_to_narrow_it(client, make_certificate, monkeypatch):
    monkeypatch.setattr("registry.selectors.MATCH_LIMIT", 2)
    for _ in range(3):
        make_certificate(manufacturer="ООО «Казанские сладости»")
    response = client.get(SEARCH, {"q": "казанские"})
    assert messages_on(response)["warning"] and len(numbers_on(response)) == 2


@pytest.mark.django_db
def test_the_chosen_filters_stay_selected(client, make_certificate):
    make_certificate(country="Казахстан")
    html = client.get(SEARCH, {"status": "valid", "country": "Казахстан"}).content.decode()
    assert '<option value="valid" selected>' in html
    assert '<option value="Казахстан" selected>' in html


@pytest.mark.django_db
def test_a_search_takes_the_same_queries_for_more_certificates(client, make_certificate):
    # At most two: the bounded matches of a text (both sources in one query on PostgreSQL) and
    # the page; the filters' choices are kept in the cache.
    searches = [
        {},
        {"q": "казанские"},
        {"q": "халва", "country": "Россия", "category": "confectionery", "status": "valid"},
    ]
    make_certificate(manufacturer="ООО «Казанские сладости»", product="Халва")
    client.get(SEARCH)
    few = [queries_of(client, SEARCH, params) for params in searches]
    for _ in range(30):
        make_certificate(manufacturer="ООО «Казанские сладости»", product="Халва")
    many = [queries_of(client, SEARCH, params) for params in searches]
    assert few == many and max(many) <= 2
