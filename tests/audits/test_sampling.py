"""Identification and sampling (GOST 8.15, Annex Е): the act, its signatures, the delivery of
the samples and the laboratory's reports."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audits import services
from audits.models import ActStatus, LabReport, SampleStatus
from halal_portal.errors import StateConflict
from tests.audits.helpers import ACT_DATA, SAMPLE_DATA, act_data, auditor_with_power, sample_data
from tests.files import pdf_upload


def detail_url(act):
    return act.get_absolute_url()


# --- the act and its table ---


def test_every_field_of_the_act_is_stored(act, auditor):
    stored = {field: getattr(act, field) for field in ACT_DATA}
    assert stored == ACT_DATA
    assert (act.auditor, act.date) == (auditor, timezone.localdate())


def test_every_identification_feature_of_a_sample_is_stored(act):
    sample = act.samples.get()
    assert {field: getattr(sample, field) for field in SAMPLE_DATA} == SAMPLE_DATA


def test_every_field_of_the_act_is_shown(client, act, auditor):
    client.force_login(auditor)
    page = client.get(detail_url(act)).content.decode()
    texts = [v for v in ACT_DATA.values() if isinstance(v, str)]
    assert [t for t in texts if t not in page] == []


def test_every_column_of_the_table_is_shown(client, act, applicant):
    services.sampling_act_sign_auditor(act=act, by=act.auditor)
    client.force_login(applicant)
    page = client.get(detail_url(act)).content.decode()
    shown = [str(v) for v in SAMPLE_DATA.values() if not isinstance(v, Decimal)] + ["1200", "6"]
    assert [t for t in shown if t not in page] == []


def test_sampling_needs_a_started_check(approved, auditor):
    with pytest.raises(StateConflict) as error:
        services.sampling_act_create(check=approved, by=auditor, data=act_data(auditor))
    assert "8.15" in error.value.message


def test_only_an_auditor_of_the_team_samples(started):
    outsider = auditor_with_power()
    with pytest.raises(PermissionDenied):
        services.sampling_act_create(check=started, by=outsider, data=act_data(outsider))


def test_act_outside_the_check_dates_is_refused(started, auditor):
    before = started.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.sampling_act_create(check=started, by=auditor, data=act_data(auditor, date=before))
    assert "date" in error.value.message_dict


def test_justification_is_required_for_typical_representatives(started, auditor):
    data = act_data(auditor, typical_justification="")
    with pytest.raises(ValidationError) as error:
        services.sampling_act_create(check=started, by=auditor, data=data)
    assert "8.15" in " ".join(error.value.message_dict["typical_justification"])


def test_bad_barcode_is_refused(act, auditor):
    with pytest.raises(ValidationError) as error:
        services.sample_save(act=act, by=auditor, data=sample_data(barcode="4600000000001"))
    assert "barcode" in error.value.message_dict


def test_more_than_the_lot_cannot_be_taken(act, auditor):
    with pytest.raises(ValidationError) as error:
        services.sample_save(act=act, by=auditor, data=sample_data(quantity=Decimal("1201")))
    assert "quantity" in error.value.message_dict


# --- the signatures, in order ---


def test_applicant_cannot_sign_before_the_auditor(act, applicant):
    with pytest.raises(StateConflict) as error:
        services.sampling_act_sign_applicant(act=act, by=applicant)
    assert error.value.messages == [_("The expert-auditor signs the act first.")]


def test_act_without_samples_is_not_signed(started, auditor):
    act = services.sampling_act_create(check=started, by=auditor, data=act_data(auditor))
    with pytest.raises(StateConflict):
        services.sampling_act_sign_auditor(act=act, by=auditor)


def test_signatures_record_who_and_when(signed_act, auditor, applicant):
    assert signed_act.state == ActStatus.SIGNED
    assert signed_act.auditor_signed_at and signed_act.applicant_signed_at
    assert (signed_act.auditor, signed_act.applicant_signed_by) == (auditor, applicant)


def test_signed_act_cannot_be_changed(act, auditor):
    services.sampling_act_sign_auditor(act=act, by=auditor)
    with pytest.raises(StateConflict):
        services.sampling_act_update(act=act, by=auditor, data={"packaging": "Другая"})


def test_outsider_cannot_sign_for_the_applicant(act, auditor, outsider):
    services.sampling_act_sign_auditor(act=act, by=auditor)
    with pytest.raises(PermissionDenied):
        services.sampling_act_sign_applicant(act=act, by=outsider)


def test_auditor_signing_asks_the_applicant_to_sign(act, auditor, applicant):
    services.sampling_act_sign_auditor(act=act, by=auditor)
    assert applicant.notifications.filter(key=f"sampling-act-signed:{act.pk}").exists()


# --- delivery to the laboratory and the reports ---


def deliver(sample, by):
    return services.sample_deliver(
        sample=sample, by=by, laboratory="ИЛ «Татмясо»", delivered_on=timezone.localdate()
    )


def add_report(sample, by, *, passed=True, comment="", upload=None):
    return services.lab_report_add(
        sample=sample,
        by=by,
        number="17/2026",
        issued_on=timezone.localdate(),
        laboratory="",
        passed=passed,
        comment=comment,
        upload=upload or pdf_upload("протокол.pdf"),
    )


def test_sample_is_taken_when_the_act_is_signed(sample):
    assert sample.state == SampleStatus.TAKEN


def test_applicant_records_the_delivery(sample, applicant):
    sample = deliver(sample, applicant)
    assert (sample.state, sample.delivery_recorded_by) == (SampleStatus.DELIVERED, applicant)


def test_delivery_needs_the_signed_act(act, applicant):
    with pytest.raises(StateConflict):
        deliver(act.samples.get(), applicant)


def test_report_needs_the_delivery(sample, auditor):
    with pytest.raises(StateConflict):
        add_report(sample, auditor)


def test_passing_report_marks_the_sample_tested(sample, applicant, auditor):
    report = add_report(deliver(sample, applicant), auditor)
    sample.refresh_from_db()
    assert (sample.state, sample.passed) == (SampleStatus.TESTED, True)
    assert report.laboratory == "ИЛ «Татмясо»"  # taken from the delivery


def test_failing_report_fails_the_sample(sample, applicant, auditor):
    add_report(deliver(sample, applicant), auditor, passed=False, comment="Выявлена ДНК свиньи")
    sample.refresh_from_db()
    assert sample.passed is False


def test_failing_report_needs_a_comment(sample, applicant, auditor):
    with pytest.raises(ValidationError) as error:
        add_report(deliver(sample, applicant), auditor, passed=False)
    assert "comment" in error.value.message_dict


def test_report_is_stored_under_a_random_name(sample, applicant, auditor):
    report = add_report(deliver(sample, applicant), auditor)
    assert "протокол" not in report.file.name and report.original_name == "протокол.pdf"


def test_bad_report_file_is_refused(sample, applicant, auditor):
    bad = SimpleUploadedFile("протокол.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError) as error:
        add_report(deliver(sample, applicant), auditor, upload=bad)
    assert "file" in error.value.message_dict and not LabReport.objects.exists()


def test_applicant_cannot_give_the_verdict(sample, applicant):
    with pytest.raises(PermissionDenied):
        add_report(deliver(sample, applicant), applicant)


def test_applicant_downloads_the_report(client, sample, applicant, auditor):
    report = add_report(deliver(sample, applicant), auditor)
    client.force_login(applicant)
    url = reverse(
        "audits:lab-report-download",
        kwargs={"check_pk": report.sample.act.production_check_id, "report_pk": report.pk},
    )
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_delivery_through_the_page(client, sample, applicant):
    client.force_login(applicant)
    url = reverse(
        "audits:sample-deliver",
        kwargs={"check_pk": sample.act.production_check_id, "sample_pk": sample.pk},
    )
    prefix = f"deliver-{sample.pk}"
    response = client.post(
        url,
        {f"{prefix}-laboratory": "ИЛ «Татмясо»", f"{prefix}-delivered_on": "2000-01-01"},
    )
    assert response.status_code == 400 and "ИЛ «Татмясо»" in response.content.decode()


def test_report_through_the_page(client, sample, applicant, auditor):
    deliver(sample, applicant)
    client.force_login(auditor)
    prefix = f"report-{sample.pk}"
    response = client.post(
        reverse(
            "audits:lab-report-add",
            kwargs={"check_pk": sample.act.production_check_id, "sample_pk": sample.pk},
        ),
        {
            f"{prefix}-number": "17/2026",
            f"{prefix}-issued_on": timezone.localdate().isoformat(),
            f"{prefix}-laboratory": "ИЛ «Татмясо»",
            f"{prefix}-passed": "0",
            f"{prefix}-comment": "Выявлен этанол",
            f"{prefix}-file": pdf_upload("протокол.pdf"),
        },
    )
    assert response.status_code == 302
    assert sample.lab_reports.get().passed is False
