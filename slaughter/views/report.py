"""The compliance report of a slaughterhouse for a period (GOST 7.6): a page and a CSV, for the
readers of the enterprise's journals."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from audits.views.journal import journal_organization
from halal_portal.spreadsheet import safe_cell

from ..forms.report import ReportForm
from ..report import Report, compliance_report


def _report(request: HttpRequest, org_pk: int) -> tuple:
    organization = journal_organization(request, org_pk)
    form = ReportForm(request.GET, organization=organization)
    if not form.is_valid() or form.cleaned_data["slaughterhouse"] is None:
        return organization, form, None
    data = form.cleaned_data
    report = compliance_report(
        organization=organization,
        slaughterhouse=data["slaughterhouse"],
        start=data["start"],
        end=data["end"],
    )
    return organization, form, report


@login_required
def report(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization, form, result = _report(request, org_pk)
    status = 400 if form.errors else 200
    context = {"organization": organization, "form": form, "report": result}
    return render(request, "slaughter/report.html", context, status=status)


def _date(day) -> str:
    return day.strftime("%d.%m.%Y")


def report_rows(report: Report) -> list[list]:
    """The report as rows of a spreadsheet: a section's title, then its rows."""
    rows: list[list] = [
        [_("Compliance report (GOST 7.6)"), str(report.slaughterhouse)],
        [_("Period"), f"{_date(report.start)}–{_date(report.end)}"],
        [_("Batches"), len(report.entries)],
        [_("Animals slaughtered"), report.animals],
        [_("Kept apart as not conforming"), report.rejected],
        [_("Carcasses declared haram"), report.haram],
        [_("Deviations"), report.deviations],
        [_("Not settled"), report.unsettled],
        [_("Stunning effectiveness checks"), report.stunning_checks],
        [_("Readings of the stunning equipment"), report.readings],
        [_("Readings outside the standard"), report.readings_outside],
        [],
        [_("Clause"), _("Rule"), _("Deviations"), _("Answered"), _("Not settled")],
    ]
    rows += [[f"GOST {r.clause}", r.rule, r.found, r.answered, r.unsettled] for r in report.clauses]
    rows += [
        [],
        [_("Line"), _("Batches"), _("Animals"), _("Batches with fewer than two slaughterers")],
    ]
    rows += [[r.name, r.batches, r.animals, r.few_slaughterers] for r in report.lines]
    rows += [[], [_("Person"), _("Document"), _("Number"), _("Valid to")]]
    rows += [
        [d.worker.full_name, d.get_kind_display(), d.number, _date(d.valid_to)]
        for d in report.expiring
    ]
    return rows


@login_required
def report_csv(request: HttpRequest, org_pk: int) -> HttpResponse:
    _organization, form, result = _report(request, org_pk)
    if result is None:
        errors = " ".join(form.non_field_errors()) or _("Invalid filter.")
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the BOM tells spreadsheet programs the file is UTF-8 (Cyrillic)
    writer = csv.writer(buffer)
    for row in report_rows(result):
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"slaughter-report-{result.start.isoformat()}-{result.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
