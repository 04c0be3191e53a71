"""The compliance report of a slaughterhouse for a period (GOST 7.6): batches, animals,
deviations by clause and their answers, personnel documents ending, lines without two
slaughterers; a page, a CSV whose cells never run as formulas, and section 9 of the act."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from halal_portal.spreadsheet import safe_cell
from slaughter.models import DocumentKind
from slaughter.report import compliance_report
from slaughter.services import finding_answer, line_create
from tests.slaughter.test_journal import cattle, poultry, record

TODAY = timezone.localdate()
YEAR_AGO = TODAY - datetime.timedelta(days=365)


def report_of(register, **extra):
    return compliance_report(
        organization=register.slaughterhouse.organization,
        slaughterhouse=register.slaughterhouse,
        start=YEAR_AGO,
        end=TODAY,
        **extra,
    )


@pytest.fixture
def batches(register, applicant):
    return [
        record(register, applicant, cattle()),
        record(register, applicant, cattle(slaughterers=1, current_a=Decimal("2.600"))),
        record(register, applicant, poultry(current_a=Decimal("0.600"))),
        record(register, applicant, cattle(date=YEAR_AGO - datetime.timedelta(days=1))),
    ]


def test_the_report_counts_batches_and_deviations_by_clause(batches, register):
    report = report_of(register)
    assert (len(report.entries), report.animals) == (3, 1040)
    rows = {(r.clause, r.code): (r.found, r.answered, r.unsettled) for r in report.clauses}
    assert rows == {("7.6.2", "slaughterers"): (1, 0, 1), ("7.6.7, Table 1", "current"): (2, 0, 2)}


def test_answers_and_haram_carcasses_show_in_the_report(
    batches, register, under_review, commission
):
    finding = batches[2].findings.get()
    finding_answer(
        finding=finding,
        application=under_review,
        by=commission[0],
        answer="haram",
        reason="Ток выше нормы",
        haram_count=40,
    )
    report = report_of(register)
    row = next(r for r in report.clauses if r.code == "current")
    assert (row.found, row.answered, row.unsettled) == (2, 1, 1) and report.haram == 40


def test_lines_without_two_slaughterers_are_named(batches, register):
    (line,) = report_of(register).lines_without_two
    assert (line.name, line.batches, line.few_slaughterers) == ("Линия № 1", 3, 1)


def test_documents_ending_in_the_period_or_the_month_after(register, applicant):
    operator = register.operator
    operator.documents.filter(kind=DocumentKind.MEDICAL).update(
        valid_to=TODAY + datetime.timedelta(days=30)
    )
    operator.documents.filter(kind=DocumentKind.QUALIFICATION).update(
        valid_to=TODAY + datetime.timedelta(days=31)
    )
    expiring = report_of(register).expiring
    assert [d.kind for d in expiring] == [DocumentKind.MEDICAL]


# --- the page and the CSV ---


def url(organization, name="slaughter:report"):
    return reverse(name, kwargs={"org_pk": organization.pk})


def test_the_report_page(client, batches, register, organization, applicant, outsider):
    client.force_login(applicant)
    page = client.get(url(organization), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Deviations by clause" in page and "GOST 7.6.7, Table 1" in page
    assert "Batches with fewer than two slaughterers" in page
    client.force_login(outsider)
    assert client.get(url(organization)).status_code == 404


def test_a_bad_period_is_a_400(client, register, organization, applicant):
    client.force_login(applicant)
    response = client.get(url(organization), {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 400
    assert client.get(url(organization, "slaughter:report-csv"), {"start": "x"}).status_code == 400


def test_the_csv_neutralizes_formula_leads(client, register, organization, applicant):
    line = line_create(
        slaughterhouse=register.slaughterhouse,
        by=applicant,
        data={"name": '=HYPERLINK("http://evil","x")', "video_recording": True},
    )
    record(
        register, applicant, cattle(line=line, knife=None, method="mechanical", species="chickens")
    )
    client.force_login(applicant)
    response = client.get(url(organization, "slaughter:report-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert ['\'=HYPERLINK("http://evil","x")', "1", "20", "0"] in rows
    assert not any(cell.startswith("=") for row in rows for cell in row)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+7 843", "'+7 843"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("Линия", "Линия"),
        (3, "3"),
        (None, ""),
    ],
)
def test_a_spreadsheet_cell_never_starts_a_formula(value, cell):
    assert safe_cell(value) == cell


def test_section_9_of_the_act_draws_on_the_report(client, production_act, batches, auditor):
    url = reverse(
        "audits:act-section",
        kwargs={"check_pk": production_act.production_check_id, "section": 9},
    )
    client.force_login(auditor)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Compliance with GOST 7.6 from" in page and "Deviations by clause" in page
    assert "Compliance report: Бойня № 1" in page
