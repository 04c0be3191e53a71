"""The compliance report of a slaughterhouse for a period (GOST 7.6): batches and animals, the
deviations by clause with how many are answered, the personnel documents ending, the lines
without two slaughterers, the controller's stunning checks and the equipment's readings.
Read-only; the page, the CSV and section 9 of the production-check act (Annex Ж) draw on it."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from accounts.models import Organization

from .models import (
    Answer,
    Finding,
    Method,
    Slaughterhouse,
    StunningCheck,
    StunningUpload,
    WorkerDocument,
    WorkerRole,
)
from .rules.batch import MIN_SLAUGHTERERS_PER_LINE
from .rules.deviation import RULES
from .selectors import EXPIRY_WARNING_DAYS, documents_expiring, register_on, slaughter_entries


@dataclass
class ClauseRow:
    clause: str
    code: str
    found: int = 0
    answered: int = 0
    unsettled: int = 0

    @property
    def rule(self) -> str:
        return str(RULES.get(self.code, self.code))


@dataclass
class LineRow:
    name: str
    batches: int = 0
    animals: int = 0
    few_slaughterers: int = 0  # manual batches with fewer than two slaughterers (GOST 7.6.2)


@dataclass
class Report:
    organization: Organization
    slaughterhouse: Slaughterhouse | None
    start: datetime.date
    end: datetime.date
    entries: list = field(default_factory=list)
    clauses: list[ClauseRow] = field(default_factory=list)
    lines: list[LineRow] = field(default_factory=list)
    expiring: list[WorkerDocument] = field(default_factory=list)
    slaughterers_allowed: int | None = None
    stunning_checks: int = 0
    readings: int = 0
    readings_outside: int = 0

    @property
    def animals(self) -> int:
        return sum(e.head_count for e in self.entries)

    @property
    def rejected(self) -> int:
        return sum(e.rejected for e in self.entries)

    @property
    def haram(self) -> int:
        """Declared haram by the controller on the batch, and by the commission's answers."""
        by_answer = sum(
            f.haram_count or 0
            for e in self.entries
            for f in e.findings.all()
            if f.answer == Answer.HARAM
        )
        return sum(e.haram_count for e in self.entries) + by_answer

    @property
    def deviating(self) -> list:
        return [e for e in self.entries if e.findings.all()]

    @property
    def deviations(self) -> int:
        return sum(row.found for row in self.clauses)

    @property
    def unsettled(self) -> int:
        return sum(row.unsettled for row in self.clauses)

    @property
    def lines_without_two(self) -> list[LineRow]:
        return [row for row in self.lines if row.few_slaughterers]


def compliance_report(
    *,
    organization: Organization,
    start: datetime.date,
    end: datetime.date,
    slaughterhouse: Slaughterhouse | None = None,
) -> Report:
    """The report of one slaughterhouse, or of all the enterprise's batches when ``slaughterhouse``
    is None (section 9 reads those, including batches signed before the register existed)."""
    entries = slaughter_entries(organization).filter(date__gte=start, date__lte=end)
    if slaughterhouse is not None:
        entries = entries.filter(slaughterhouse=slaughterhouse)
    report = Report(organization, slaughterhouse, start, end, entries=list(entries))
    _clauses(report)
    _lines(report)
    houses = [slaughterhouse] if slaughterhouse else list(organization.slaughterhouses.all())
    documents = WorkerDocument.objects.filter(worker__slaughterhouse__in=houses).select_related(
        "worker__slaughterhouse"
    )
    # Ending within the period or in the month after it, not yet renewed.
    report.expiring = list(
        documents_expiring(documents, today=start, within=(end - start).days + EXPIRY_WARNING_DAYS)
    )
    if slaughterhouse is not None:
        report.slaughterers_allowed = sum(
            1
            for row in register_on(_with_register(slaughterhouse), end)
            if row.worker.role == WorkerRole.SLAUGHTERER and row.allowed
        )
    report.stunning_checks = StunningCheck.objects.filter(
        line__slaughterhouse__in=houses, date__gte=start, date__lte=end
    ).count()
    uploads = StunningUpload.objects.filter(entry__in=[e.pk for e in report.entries]).aggregate(
        count=Sum("count"), outside=Sum("nonconforming")
    )
    report.readings, report.readings_outside = uploads["count"] or 0, uploads["outside"] or 0
    return report


def _with_register(slaughterhouse: Slaughterhouse) -> Slaughterhouse:
    return Slaughterhouse.objects.prefetch_related("workers__documents").get(pk=slaughterhouse.pk)


def _clauses(report: Report) -> None:
    rows: dict[tuple[str, str], ClauseRow] = {}
    findings = Finding.objects.filter(entry__in=[e.pk for e in report.entries])
    unsettled = set(findings.unsettled().values_list("pk", flat=True))
    for pk, clause, code, answer in findings.values_list("pk", "clause", "code", "answer"):
        row = rows.setdefault((clause, code), ClauseRow(clause, code))
        row.found += 1
        row.answered += bool(answer)
        row.unsettled += pk in unsettled
    report.clauses = sorted(rows.values(), key=lambda r: (r.clause, r.code))


def _lines(report: Report) -> None:
    rows: dict[str, LineRow] = defaultdict(lambda: LineRow(""))
    for entry in report.entries:
        row = rows[entry.line]
        row.name = entry.line
        row.batches += 1
        row.animals += entry.head_count
        if (
            entry.method == Method.MANUAL
            and len(entry.slaughterer_list) < MIN_SLAUGHTERERS_PER_LINE
        ):
            row.few_slaughterers += 1
    report.lines = sorted(rows.values(), key=lambda r: r.name)


__all__ = ["ClauseRow", "LineRow", "Report", "compliance_report"]
