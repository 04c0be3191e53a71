"""POST /api/v1/slaughter/stunning-checks/ (GOST 7.6.7, Table 1): up to 10,000 readings judged in
order; a 400 names the field and the reading's index and stores nothing; with a batch, the
batch's registered halal controller stores them all in one transaction."""

import json
from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from slaughter.models import Finding, StunningReading
from slaughter.rules import table1
from slaughter.rules.table1 import Range
from tests.slaughter.test_journal import cattle, record

URL = "/api/v1/slaughter/stunning-checks/"


def reading(**extra):
    return {
        "species": "steers",
        "stunning": "electrical",
        "current_a": "2.000",
        "duration_s": "2.50",
        "stun_to_slaughter_s": 90,
        "taken_at": "2026-05-12T08:30:00+03:00",
        **extra,
    }


@pytest.fixture
def api(applicant):
    client = APIClient()
    token = Token.objects.create(user=applicant)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def post(client, payload, **extra):
    # As the plant's equipment sends it: JSON numbers with their decimals.
    return client.post(URL, json.dumps(payload), content_type="application/json", **extra)


@pytest.fixture
def batch(register, applicant):
    return record(register, applicant, cattle())


def test_a_member_validates_readings_in_order(api, organization):
    payload = {
        "readings": [
            reading(),
            reading(current_a=3.1),
            reading(species="ostriches", current_a=0.75, duration_s=3, stun_to_slaughter_s=20),
        ]
    }
    response = post(api, payload, HTTP_ACCEPT_LANGUAGE="en")
    results = response.json()["results"]
    assert response.status_code == 200 and [r["ok"] for r in results] == [True, False, True]
    assert results[1]["findings"] == [
        {
            "code": "current",
            "clause": "7.6.7, Table 1",
            "message": "Current 3.10 A outside 1.50–2.50 A of Table 1 for steers (GOST 7.6.7).",
            "value": "3.1",
            "allowed": "1.50–2.50",
        }
    ]
    assert not StunningReading.objects.exists()


def test_the_api_reads_the_one_table(api, organization, monkeypatch):
    monkeypatch.setitem(
        table1.TABLE_1, "steers", (Range(Decimal("3"), Decimal("4")), table1.TABLE_1["steers"][1])
    )
    assert post(api, {"readings": [reading()]}).json()["results"][0]["ok"] is False


def test_the_instrument_precision_is_kept(api, organization):
    response = post(
        api,
        {
            "readings": [
                reading(species="chickens", current_a=0.375, duration_s=4, stun_to_slaughter_s=20)
            ]
        },
    )
    assert response.json()["results"][0]["ok"] is True
    response = post(api, {"readings": [reading(current_a=0.3755)]})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "current_a"


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"species": "camels"}, "species"),
        ({"stunning": "gas"}, "stunning"),
        ({"current_a": None}, "current_a"),  # electrical: the current is required
        ({"current_a": "много"}, "current_a"),
        ({"current_a": -1}, "current_a"),
        ({"taken_at": "вчера"}, "taken_at"),
        ({"stunning": "pneumatic", "pressure_mpa": 1.2}, "strikes"),
        ({"stun_to_slaughter_s": 1.5}, "stun_to_slaughter_s"),
    ],
)
def test_a_malformed_reading_gets_a_400_naming_field_and_index(api, batch, bad, field):
    payload = {"batch": batch.pk, "readings": [reading(), reading(), reading(**bad)]}
    response = post(api, payload)
    assert response.status_code == 400
    assert {"index": 2, "field": field} == {
        k: response.json()["errors"][0][k] for k in ("index", "field")
    }
    assert not StunningReading.objects.exists()  # all or nothing


def test_every_malformed_reading_is_named(api, organization):
    payload = {"readings": [reading(species="x"), reading(), reading(duration_s=None)]}
    errors = post(api, payload).json()["errors"]
    assert [(e["index"], e["field"]) for e in errors] == [(0, "species"), (2, "duration_s")]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"readings": []}, "readings"),
        ({"readings": "x"}, "readings"),
        ({"readings": [reading()] * 10_001}, "readings"),
        ([reading()], ""),
    ],
)
def test_the_request_itself_is_checked(api, organization, payload, field):
    response = post(api, payload)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == field


def test_not_json_is_a_400(api, organization):
    response = api.post(URL, "{readings:", content_type="application/json")
    assert response.status_code == 400


def test_the_registered_controller_stores_all_readings_on_the_batch(api, batch, applicant):
    payload = {
        "batch": batch.pk,
        "readings": [reading(), reading(current_a=3.1), reading(current_a=3.4), reading()],
    }
    response = post(api, payload)
    assert response.status_code == 201 and response.json()["stored"] == 4
    stored = StunningReading.objects.filter(upload__entry=batch)
    assert stored.exclude(deviations="").count() == 2 and batch.uploads.get().nonconforming == 2
    finding = Finding.objects.get(entry=batch)  # the rule broken, its worst reading and how often
    assert (finding.code, finding.value, finding.reading_count) == ("current", "3.4", 2)


def test_only_the_registered_controller_stores(batch, second_applicant):
    client = APIClient()
    client.force_authenticate(second_applicant)
    response = post(client, {"batch": batch.pk, "readings": [reading()]})
    assert response.status_code == 403 and not StunningReading.objects.exists()


def test_a_batch_of_another_enterprise_is_not_found(batch, outsider):
    client = APIClient()
    client.force_authenticate(outsider)
    response = post(client, {"batch": batch.pk, "readings": [reading()]})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "batch"


def test_readings_stored_on_a_batch_are_of_its_animals(api, batch):
    response = post(api, {"batch": batch.pk, "readings": [reading(species="cows")]})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "species"


def test_only_members_of_an_enterprise_use_it(secretary):
    client = APIClient()
    assert post(client, {"readings": [reading()]}).status_code in (401, 403)
    client.force_authenticate(secretary)
    assert post(client, {"readings": [reading()]}).status_code == 403


def test_ten_thousand_readings_are_stored_without_a_query_per_reading(
    api, batch, django_assert_max_num_queries
):
    readings = [reading(current_a=f"{2 + (i % 700) / 1000:.3f}") for i in range(10_000)]
    with django_assert_max_num_queries(40):
        response = post(api, {"batch": batch.pk, "readings": readings})
    assert response.json()["stored"] == 10_000
    assert StunningReading.objects.filter(upload__entry=batch).count() == 10_000


def test_the_schema_documents_the_endpoint(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/slaughter/stunning-checks/" in schema and "StunningChecksFieldError" in schema
