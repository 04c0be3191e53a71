"""Reports of misuse from the public: the form, its limits, the status page and the queue."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image

from accounts.models import Notification
from feedback import rules, selectors, services
from feedback.models import Report, ReportOutcome, ReportState
from tests.factories import UserFactory
from tests.files import pdf_upload

from .conftest import GPS_IFD, REPORT, jpeg_with_location

pytestmark = pytest.mark.django_db


# --- GTIN (GS1 check digit) -------------------------------------------------------------------


@pytest.mark.parametrize("code", ["4006381333931", "96385074", "036000291452", "10012345678902"])
def test_gtin_with_its_check_digit_is_valid(code):
    assert rules.gtin_is_valid(code)


@pytest.mark.parametrize("code", ["4006381333932", "96385075", "400638133393", "40063813339a1"])
def test_gtin_with_a_wrong_digit_or_length_is_refused(code):
    assert not rules.gtin_is_valid(code)


def test_deadlines_count_working_days_for_the_acknowledgement(settings):
    friday = datetime.date(2026, 12, 4)
    assert rules.add_working_days(friday, 2) == datetime.date(2026, 12, 8)  # Tuesday
    assert rules.add_working_days(datetime.date(2026, 12, 7), 2) == datetime.date(2026, 12, 9)
    settings.REPORT_DECIDE_DAYS = 10
    assert rules.decide_due(friday) == datetime.date(2026, 12, 14)


# --- the public form ---------------------------------------------------------------------------


def test_a_shopper_reports_without_an_account_and_gets_a_tracking_code(client, secretary):
    response = client.post(
        reverse("feedback:report-create"), {**REPORT, "photos": [jpeg_with_location()]}
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:report-status", args=[report.code])
    assert report.state == ReportState.RECEIVED
    assert report.log.get().transition == "submit"
    assert report.acknowledge_due == rules.acknowledge_due(report.received_at.date())
    # The secretary hears of it.
    assert Notification.objects.filter(user=secretary, key=f"report:{report.pk}").exists()
    page = client.get(response["Location"])
    assert report.code in page.content.decode()


def test_photos_lose_their_exif_location(client):
    client.post(reverse("feedback:report-create"), {**REPORT, "photos": [jpeg_with_location()]})
    photo = Report.objects.get().photos.get()
    with photo.file.open("rb") as handle, Image.open(io.BytesIO(handle.read())) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert 0x010F not in exif
        assert image.size == (40, 30)
    assert photo.content_type == "image/jpeg"


def test_a_file_that_is_not_a_photo_is_refused_and_the_typed_text_kept(client):
    response = client.post(reverse("feedback:report-create"), {**REPORT, "photos": [pdf_upload()]})
    assert response.status_code == 400
    assert not Report.objects.exists()
    content = response.content.decode()
    assert (
        _("%(name)s is not a photo: send JPEG or PNG pictures.") % {"name": "документ.pdf"}
        in content
    )
    assert "ул. Баумана, 5" in content


def test_a_wrong_barcode_is_refused_with_its_reason(client):
    response = client.post(reverse("feedback:report-create"), {**REPORT, "gtin": "4006381333932"})
    assert response.status_code == 400
    message = _("The barcode %(code)s is not a valid GTIN: check the digits under the bars.")
    assert message % {"code": "4006381333932"} in response.content.decode()
    assert not Report.objects.exists()


def test_the_honeypot_refuses_a_bot(client):
    response = client.post(
        reverse("feedback:report-create"), {**REPORT, "website": "http://spam.example"}
    )
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_an_address_may_send_only_so_many_reports_an_hour(client, settings):
    settings.REPORTS_PER_HOUR = 2
    url = reverse("feedback:report-create")
    # A form sent back for a correction does not count.
    assert client.post(url, {**REPORT, "gtin": "4006381333932"}).status_code == 400
    assert client.post(url, REPORT).status_code == 302
    assert client.post(url, REPORT).status_code == 302
    response = client.post(url, REPORT)
    assert response.status_code == 429
    assert Report.objects.count() == 2
    # Another address is not held back.
    assert client.post(url, REPORT, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_the_form_for_a_certificate_comes_with_its_number(client):
    response = client.get(reverse("feedback:report-create-for", args=["ХП.00001"]))
    assert response.status_code == 200
    assert 'value="ХП.00001"' in response.content.decode()


def test_the_home_page_has_the_lookup_box_and_the_report_link(client):
    content = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("registry:search")}"' in content
    assert 'name="q"' in content
    assert reverse("feedback:report-create") in content


# --- the public status page ----------------------------------------------------------------------


def test_the_status_page_shows_stage_and_outcome_and_no_personal_data(client, secretary):
    report = services.report_submit(data=REPORT)
    services.report_close(
        report=report,
        by=secretary,
        outcome=ReportOutcome.NOT_CONFIRMED,
        reason="Checked the shop «Продукты»: the package carries no sign.",
    )
    content = client.get(report.get_status_url()).content.decode()
    assert str(ReportOutcome.NOT_CONFIRMED.label) in content
    assert str(ReportState.CLOSED.label) in content
    for private in ("shopper@example.com", "Баумана", "Особая", "registry does not", "Checked"):
        assert private not in content


def test_an_unknown_code_is_a_404_with_the_lookup_form(client):
    response = client.get(reverse("feedback:report-status", args=["ZZZZZZZZZZ"]))
    assert response.status_code == 404
    assert _("No report has this tracking code.") in response.content.decode()


def test_the_lookup_form_leads_to_the_status_page(client):
    report = services.report_submit(data=REPORT)
    response = client.get(
        reverse("feedback:report-status-lookup"), {"code": f" {report.code.lower()} "}
    )
    assert response["Location"] == report.get_status_url()


# --- who sees a report ----------------------------------------------------------------------------


def test_only_the_secretary_has_the_queue(client, secretary, applicant):
    services.report_submit(data=REPORT)
    client.force_login(applicant)
    assert client.get(reverse("feedback:report-queue")).status_code == 403
    client.force_login(secretary)
    response = client.get(reverse("feedback:report-queue"))
    assert response.status_code == 200
    assert Report.objects.get().code in response.content.decode()


def test_a_report_is_hidden_from_others_and_from_its_holder_until_acknowledged(
    client, issued, secretary, applicant, outsider
):
    report = services.report_submit(data={**REPORT, "number_shown": "XP 1"})
    assert report.certificate == issued  # the number as typed is linked
    url = report.get_absolute_url()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(applicant)
    assert client.get(url).status_code == 404
    services.report_acknowledge(report=report, by=secretary)
    response = client.get(url)
    assert response.status_code == 200
    assert "shopper@example.com" not in response.content.decode()  # the reporter's e-mail
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_only_the_secretary_triages(issued, applicant):
    report = services.report_submit(data=REPORT)
    with pytest.raises(PermissionDenied):
        services.report_acknowledge(report=report, by=applicant)
    with pytest.raises(PermissionDenied):
        services.report_link(report=report, by=applicant, certificate=issued)


def test_closing_needs_a_reason_and_a_closed_report_stays_closed(client, secretary):
    report = services.report_submit(data=REPORT)
    client.force_login(secretary)
    response = client.post(
        reverse("feedback:report-close", args=[report.pk]), {"outcome": "duplicate", "reason": ""}
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.state == ReportState.RECEIVED
    with pytest.raises(ValidationError):
        services.report_close(report=report, by=secretary, outcome="duplicate", reason=" ")
    services.report_close(report=report, by=secretary, outcome="duplicate", reason="See AB")
    response = client.post(reverse("feedback:report-acknowledge", args=[report.pk]))
    report.refresh_from_db()
    assert report.state == ReportState.CLOSED
    assert [e.transition for e in report.log.all()] == ["submit", "close"]
    assert report.log.last().by == secretary


def test_a_report_without_a_certificate_cannot_go_before_the_commission(secretary):
    from certification import services as certification_services

    report = services.report_submit(data=REPORT)
    meeting = certification_services.meeting_create(by=secretary, date=datetime.date(2026, 12, 1))
    with pytest.raises(ValidationError):
        services.report_refer(report=report, by=secretary, meeting=meeting, grounds="misuse")
    report.refresh_from_db()
    assert report.state == ReportState.RECEIVED


def test_report_counts_for_the_registry(issued, secretary):
    first = services.report_submit(data={**REPORT, "number_shown": "ХП.00001"})
    services.report_submit(data={**REPORT, "number_shown": "ХП.00001"})
    services.report_submit(data=REPORT)  # about no certificate of ours
    services.report_close(report=first, by=secretary, outcome="not_confirmed", reason="checked")
    assert selectors.report_counts(issued) == {"received": 2, "resolved": 1}


def test_an_unknown_person_cannot_answer(issued, secretary):
    report = services.report_submit(data={**REPORT, "number_shown": "ХП.00001"})
    services.report_acknowledge(report=report, by=secretary)
    with pytest.raises(PermissionDenied):
        services.report_answer(report=report, by=UserFactory(), text="not us")
