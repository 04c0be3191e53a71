"""The reports' API: anonymous POST (multipart with photos, rate-limited, honeypot), the status by
code, the secretary's queue; all in the OpenAPI schema."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from feedback.models import Report, ReportState

from .conftest import REPORT, jpeg_with_location

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_anyone_posts_a_report_with_photos_and_reads_its_status(api):
    response = api.post(
        "/api/v1/reports/",
        {**REPORT, "photos": [jpeg_with_location(), jpeg_with_location("2.jpg")]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    report = Report.objects.get(code=body["code"])
    assert report.photos.count() == 2
    assert body["state"] == "received"
    status = api.get(f"/api/v1/reports/{body['code'].lower()}/")
    assert status.status_code == 200
    data = status.json()
    assert set(data) == {
        "code",
        "state",
        "state_display",
        "outcome",
        "outcome_display",
        "received_at",
        "decide_due",
        "closed_at",
        "status_url",
    }
    assert REPORT["email"] not in status.content.decode()


def test_the_api_refuses_a_wrong_barcode_and_a_filled_honeypot(api):
    response = api.post("/api/v1/reports/", {**REPORT, "gtin": "4006381333932"}, format="json")
    assert response.status_code == 400
    assert "gtin" in response.json()
    response = api.post("/api/v1/reports/", {**REPORT, "website": "x"}, format="json")
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_the_api_shares_the_forms_rate_limit(api, client, settings):
    settings.REPORTS_PER_HOUR = 1
    assert client.post(reverse("feedback:report-create"), REPORT).status_code == 302
    response = api.post("/api/v1/reports/", REPORT, format="json")
    assert response.status_code == 429
    assert "Retry-After" in response
    assert Report.objects.count() == 1


def test_an_unknown_code_is_404(api):
    assert api.get("/api/v1/reports/NOSUCHCODE/").status_code == 404


def test_the_queue_is_the_secretarys(api, secretary, applicant):
    from feedback import services

    report = services.report_submit(data=REPORT)
    assert api.get("/api/v1/report-queue/").status_code in (401, 403)
    api.force_authenticate(applicant)
    assert api.get("/api/v1/report-queue/").json()["results"] == []
    assert api.get(f"/api/v1/report-queue/{report.pk}/").status_code == 404
    api.force_authenticate(secretary)
    listing = api.get("/api/v1/report-queue/")
    assert listing.status_code == 200
    assert listing.json()["results"][0]["code"] == report.code
    response = api.post(f"/api/v1/report-queue/{report.pk}/acknowledge/")
    assert response.status_code == 200
    assert response.json()["state"] == ReportState.ACKNOWLEDGED
    assert api.post(f"/api/v1/report-queue/{report.pk}/acknowledge/").status_code == 409
    response = api.post(
        f"/api/v1/report-queue/{report.pk}/close/",
        {"outcome": "not_ours", "reason": "Another body's sign."},
        format="json",
    )
    assert response.json()["state"] == ReportState.CLOSED
    response = api.post(
        f"/api/v1/report-queue/{report.pk}/link/", {"number": "ХП.99999"}, format="json"
    )
    assert response.status_code == 400


def test_the_schema_documents_the_reports(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/reports/" in schema["paths"]
    assert "/api/v1/reports/{code}/" in schema["paths"]
    assert "/api/v1/report-queue/{id}/close/" in schema["paths"]
    post = schema["paths"]["/api/v1/reports/"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
