"""POST /api/v1/labelling/reviews/ and .../batch/: the same answers as the service for every
case of the table, a 400 naming the field, a stricter rate for anonymous callers."""

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from labelling.api import LabellingAnonThrottle, LabellingUserThrottle
from labelling.selectors import reviews_of

from .conftest import CASES, label_of

pytestmark = pytest.mark.django_db
URL = "/api/v1/labelling/reviews/"
BATCH = "/api/v1/labelling/reviews/batch/"


def payload(case: dict) -> dict:
    data = dict(case["label"])
    for key in ("alcohol_percent", "sign_diameter_mm", "label_date"):
        if key in data:
            data[key] = str(data[key])
    return data


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def token_api(applicant):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=applicant).key}")
    return client


def test_the_batch_api_answers_as_the_service_for_every_case(token_api, certificates):
    today = timezone.localdate()
    expected = [r.as_dict() for r in reviews_of([label_of(c) for c in CASES], today=today)]
    response = token_api.post(BATCH, {"labels": [payload(c) for c in CASES]}, format="json")
    assert response.status_code == 200
    assert response.json()["results"] == expected


def test_the_single_api_answers_as_the_service_for_every_case(token_api, certificates):
    today = timezone.localdate()
    for case in CASES:
        (expected,) = reviews_of([label_of(case)], today=today)
        response = token_api.post(URL, payload(case), format="json")
        assert response.status_code == 200, case["id"]
        assert response.json() == expected.as_dict(), case["id"]


def test_an_anonymous_caller_gets_a_review(api):
    response = api.post(URL, {"name": "Мармелад", "ingredients": "сахар, желатин"}, format="json")
    body = response.json()
    assert response.status_code == 200 and body["verdict"] == "fail"
    assert {"code", "clause", "severity", "message", "start", "end"} <= set(body["findings"][0])


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "name"),
        ({"name": "Мармелад", "language": "de"}, "language"),
        ({"name": "Мармелад", "alcohol_percent": "-1"}, "alcohol_percent"),
        ({"name": "Мармелад", "sign_diameter_mm": "wide"}, "sign_diameter_mm"),
        ({"name": "Мармелад", "alcohol_source": "moon"}, "alcohol_source"),
        ({"name": "Мармелад", "label_date": "31.02.2026"}, "label_date"),
        ({"name": "x" * 501}, "name"),
    ],
)
def test_bad_input_gets_a_400_naming_the_field(api, data, field):
    response = api.post(URL, data, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_batch_over_500_labels_is_refused_naming_the_field(token_api):
    response = token_api.post(BATCH, {"labels": [{"name": "Чай"}] * 501}, format="json")
    assert response.status_code == 400 and "labels" in response.json()


def test_a_bad_label_in_a_batch_is_named_by_its_place(token_api):
    response = token_api.post(BATCH, {"labels": [{"name": "Чай"}, {}]}, format="json")
    assert response.status_code == 400
    assert response.json()["labels"] == {"1": {"name": ["Обязательное поле."]}}


def test_anonymous_callers_are_limited_sooner_than_token_users(api, token_api, monkeypatch):
    rates = {"labelling_anon": "2/minute", "labelling_user": "4/minute"}
    for throttle in (LabellingAnonThrottle, LabellingUserThrottle):
        monkeypatch.setattr(throttle, "THROTTLE_RATES", rates)
    anonymous = [api.post(URL, {"name": "Чай"}, format="json").status_code for _ in range(3)]
    token = [token_api.post(URL, {"name": "Чай"}, format="json").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429] and token == [200, 200, 200]


def test_the_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    assert {URL, BATCH} <= set(schema["paths"])
    assert "400" in schema["paths"][URL]["post"]["responses"]
