"""REST API: token login, own applications, uploads, 409 for a refused transition."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import PASSWORD
from tests.files import pdf_upload


@pytest.fixture
def api(applicant):
    client = APIClient()
    response = client.post(
        reverse("api-token"), {"email": applicant.email, "password": PASSWORD}, format="json"
    )
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def test_token_refused_for_a_wrong_password(applicant):
    response = APIClient().post(
        reverse("api-token"), {"email": applicant.email, "password": "nope"}, format="json"
    )
    assert response.status_code == 400


def test_list_shows_only_own_applications(api, draft, outsider):
    from certification import services

    services.application_create(organization=outsider.organizations.get(), by=outsider)
    response = api.get(reverse("application-list"))
    assert [a["id"] for a in response.json()["results"]] == [draft.pk]


def test_create_in_own_organization(api, organization):
    response = api.post(
        reverse("application-list"), {"organization": organization.pk}, format="json"
    )
    assert response.status_code == 201 and response.json()["state"] == "draft"


def test_create_in_another_organization_is_refused(api, outsider):
    response = api.post(
        reverse("application-list"),
        {"organization": outsider.organizations.get().pk},
        format="json",
    )
    assert response.status_code == 400


def test_submit_incomplete_is_409_with_the_missing_list(api, draft):
    response = api.post(reverse("application-submit", kwargs={"pk": draft.pk}))
    assert response.status_code == 409
    assert {m["clause"] for m in response.json()["missing"]} >= {"8.7", "8.8"}


def test_submit_complete(api, complete_draft):
    response = api.post(reverse("application-submit", kwargs={"pk": complete_draft.pk}))
    assert response.status_code == 200 and response.json()["state"] == "submitted"


def test_submit_twice_is_409(api, complete_draft):
    api.post(reverse("application-submit", kwargs={"pk": complete_draft.pk}))
    response = api.post(reverse("application-submit", kwargs={"pk": complete_draft.pk}))
    assert response.status_code == 409


def test_upload_through_the_api(api, draft):
    response = api.post(
        reverse("application-documents", kwargs={"pk": draft.pk}),
        {"document_type": "legal-status", "file": pdf_upload("устав.pdf")},
        format="multipart",
    )
    assert response.status_code == 201 and len(response.json()["sha256"]) == 64


def test_bad_upload_through_the_api_is_400(api, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("page.pdf", b"<html><script>alert(1)</script></html>")
    response = api.post(
        reverse("application-documents", kwargs={"pk": draft.pk}),
        {"document_type": "legal-status", "file": bad},
        format="multipart",
    )
    assert response.status_code == 400 and "page.pdf" in str(response.json())


def test_schema_and_docs_are_served(client):
    assert client.get(reverse("api-schema")).status_code == 200
    assert client.get(reverse("api-docs")).status_code == 200


def test_products_are_added_and_a_haram_name_is_refused(api, draft):
    # GOST 7.2 holds in the API as in the browser: 400 with the reason, nothing stored.
    from tests.factories import category, normative_document

    url = reverse("application-products", kwargs={"pk": draft.pk})
    product = {
        "name": "Халва подсолнечная",
        "category": category().pk,
        "normative_document": normative_document().pk,
        "serial_production": True,
    }
    assert api.post(url, product, format="json").status_code == 201
    response = api.post(
        url, {**product, "name": "Beef bacon"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and "GOST 7.2" in response.json()["name"][0]
    assert [p.name for p in draft.products.all()] == ["Халва подсолнечная"]
