"""Л.4.6: a certificate whose decision is taken but which the head has not signed yet is not
issued; the public registry (page, search, CSV, feed, API) does not show it until it is signed."""

import csv
import io

import pytest
from django.urls import reverse

from certification import services

PAGE = reverse("registry:certificate", kwargs={"number": "ХП.00001"})
DETAIL = reverse("registry-certificate-detail", kwargs={"number": "ХП.00001"})


def exported_numbers(client) -> list[str]:
    response = client.get(reverse("registry:export"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row["number"] for row in csv.DictReader(io.StringIO(body))]


@pytest.mark.django_db
def test_the_page_of_an_unsigned_certificate_is_404(client, decided):
    assert client.get(PAGE).status_code == 404


@pytest.mark.django_db
def test_the_api_does_not_know_it(client, decided):
    assert client.get(DETAIL).status_code == 404


@pytest.mark.django_db
def test_the_api_list_leaves_it_out(client, decided):
    assert client.get(reverse("registry-certificate-list")).json()["results"] == []


@pytest.mark.django_db
def test_a_search_by_its_number_does_not_find_it(client, decided):
    response = client.get(reverse("registry:search"), {"q": "ХП.00001"})
    assert response.status_code == 200 and 'id="id_q_error">' in response.content.decode()


@pytest.mark.django_db
def test_the_csv_leaves_it_out(client, decided):
    assert exported_numbers(client) == []


@pytest.mark.django_db
def test_the_feed_leaves_it_out(client, decided):
    assert "<entry>" not in client.get(reverse("registry:feed")).content.decode()


@pytest.mark.django_db
def test_once_signed_it_is_public_at_once(client, decided, head):
    client.get(PAGE)
    services.certificate_sign(certificate=decided, by=head)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert '<span class="badge cert-valid">' in response.content.decode()


@pytest.mark.django_db
def test_once_signed_it_is_in_the_csv(client, decided, head):
    services.certificate_sign(certificate=decided, by=head)
    assert exported_numbers(client) == ["ХП.00001"]
