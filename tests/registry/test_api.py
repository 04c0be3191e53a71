"""The registry API: public fields only, cheap, revalidated, rate-limited."""

import pytest
from django.urls import reverse

from certification import registry
from tests.certification.workflow import decide

LIST = reverse("registry-certificate-list")
DETAIL = reverse("registry-certificate-detail", kwargs={"number": "ХП.00001"})

LIST_FIELDS = {
    "number",
    "url",
    "status",
    "status_since",
    "valid_from",
    "valid_to",
    "manufacturer_name",
    "manufacturer_address",
    "manufacturer_country",
    "product_type",
    "category",
}
DETAIL_FIELDS = LIST_FIELDS | {
    "status_protocol",
    "basis",
    "act",  # GOST 8.17: the production-check act the decision rests on
    "head_name",
    "pdf_url",
    "sha256",
    "products",
    "annexes",
    "events",
}
PRODUCT_FIELDS = {"name", "category", "normative_document", "batch"}
EVENT_FIELDS = {"kind", "status", "at", "protocol", "annex"}
PROTOCOL_FIELDS = {"number", "date"}


@pytest.mark.django_db
def test_list_items_carry_only_public_fields(client, issued):
    item = client.get(LIST).json()["results"][0]
    assert set(item) == LIST_FIELDS


@pytest.mark.django_db
def test_detail_carries_only_public_fields(client, issued):
    data = client.get(DETAIL).json()
    assert set(data) == DETAIL_FIELDS
    assert set(data["products"][0]) == PRODUCT_FIELDS and set(data["basis"]) == PROTOCOL_FIELDS
    assert set(data["events"][0]) == EVENT_FIELDS
    assert set(data["act"]) == {"number", "date"}


@pytest.mark.django_db
def test_detail_takes_at_most_three_queries(client, issued, django_assert_max_num_queries):
    registry.registry_certificate_get("ХП.00001")  # compiled once per connection (content types)
    with django_assert_max_num_queries(3):
        response = client.get(DETAIL)
    assert response.status_code == 200


@pytest.mark.django_db
def test_detail_accepts_any_spelling_of_the_number(client, issued):
    url = reverse("registry-certificate-detail", kwargs={"number": "xp 1"})
    assert client.get(url).json()["number"] == "ХП.00001"


@pytest.mark.django_db
def test_unknown_number_is_404_with_a_translated_message(client, issued):
    url = reverse("registry-certificate-detail", kwargs={"number": "ХП.00077"})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 404
    assert response.json() == {"detail": "Такого сертификата нет в реестре."}
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"detail": "No such certificate in the registry."}


@pytest.mark.django_db
def test_detail_answers_json_whatever_the_client_accepts(client, issued):
    for accept in ("text/html", "application/xml", "*/*"):
        response = client.get(DETAIL, HTTP_ACCEPT=accept)
        assert response["Content-Type"] == "application/json"
        assert response.json()["number"] == "ХП.00001"
    head = client.head(DETAIL)
    assert head.status_code == 200 and head["ETag"] == client.get(DETAIL)["ETag"]


@pytest.mark.django_db
def test_unchanged_certificate_is_revalidated_with_304(client, issued):
    etag = client.get(DETAIL)["ETag"]
    response = client.get(DETAIL, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response.content) == (304, b"")


@pytest.mark.django_db
def test_a_status_change_changes_the_etag(client, issued, under_review, secretary, commission):
    etag = client.get(DETAIL)["ETag"]
    decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    response = client.get(DETAIL, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response.json()["status"]) == (200, "suspended")


@pytest.mark.django_db
def test_caches_must_revalidate_every_time(client, issued):
    cache_control = client.get(DETAIL)["Cache-Control"]
    assert "no-cache" in cache_control and "max-age" not in cache_control


@pytest.mark.django_db
def test_list_is_revalidated_with_304(client, issued):
    etag = client.get(LIST)["ETag"]
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.django_db
def test_list_filters_by_status_category_country_and_text(client, make_certificate):
    make_certificate(number="ХП.00001", manufacturer="ООО «Казанские сладости»")
    make_certificate(number="ХП.00002", manufacturer="ТОО «Дала Ет»", country="Казахстан")
    params = {"q": "дала", "status": "valid", "category": "confectionery", "country": "Казахстан"}
    results = client.get(LIST, params).json()["results"]
    assert [r["number"] for r in results] == ["ХП.00002"]


@pytest.mark.django_db
def test_page_size_is_capped_at_50(client, make_certificate):
    for _ in range(51):
        make_certificate()
    assert len(client.get(LIST, {"page_size": 500}).json()["results"]) == 50


@pytest.mark.django_db
def test_short_text_is_refused_with_a_message(client):
    response = client.get(LIST, {"q": "ка"})
    assert response.status_code == 400 and response.json()["q"]


@pytest.mark.django_db
def test_anonymous_clients_are_rate_limited_per_ip(client, issued, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"registry": "2/minute"},
    }
    responses = [client.get(DETAIL, HTTP_ACCEPT_LANGUAGE="en") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert int(responses[-1]["Retry-After"]) > 0
    assert responses[-1].json()["detail"].startswith("Request was throttled.")
    # The list counts against the same limit.
    assert client.get(LIST).status_code == 429


@pytest.mark.django_db
def test_another_ip_has_its_own_limit(client, issued, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"registry": "1/minute"},
    }
    client.get(DETAIL, REMOTE_ADDR="10.0.0.1")
    assert client.get(DETAIL, REMOTE_ADDR="10.0.0.2").status_code == 200


@pytest.mark.django_db
def test_detail_matches_its_documented_schema(client, issued):
    from certification.api_registry import RegistryCertificateDetailSerializer

    serializer = RegistryCertificateDetailSerializer(data=client.get(DETAIL).json())
    assert serializer.is_valid(), serializer.errors
