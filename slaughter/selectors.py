"""Reads of the slaughterhouse's records. Who reads an enterprise's records is the same as for its
sanitation journal (audits.selectors.journal_organizations_for): its members, the secretary and
the head, and the expert-auditors who check it."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, Min, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from accounts.models import Organization

from .models import (
    DocumentKind,
    Finding,
    Line,
    SlaughterEntry,
    Slaughterhouse,
    StunningCheck,
    Worker,
    WorkerDocument,
)
from .rules.people import REQUIRED_DOCUMENTS, document_state, worker_refusals

# Documents ending within this many days are listed for the enterprise and the body.
EXPIRY_WARNING_DAYS = 30
# The year before the check that section 9 of the act reads (as audits.selectors does; audits
# imports this module, so the figure is not imported back from it).
JOURNAL_WINDOW_DAYS = 365


def slaughter_entries(organization: Organization) -> QuerySet[SlaughterEntry]:
    # The page lists each entry's deviations (its findings): one query for all of them.
    return organization.slaughter_entries.select_related(
        "slaughter_line", "knife", "stunning_operator"
    ).prefetch_related("findings")


def slaughter_between(organization: Organization, start: datetime.date, end: datetime.date) -> dict:
    """Section 9 of the production-check act (Annex Ж), drawn from the compliance report of all
    the enterprise's batches of the period: how many animals, how many kept apart, the entries
    with deviations from GOST 7.6, and the report itself (deviations by clause and their
    answers, lines without two slaughterers, documents ending)."""
    from .report import compliance_report  # the report reads through this module

    report = compliance_report(organization=organization, start=start, end=end)
    return {
        "start": start,
        "end": end,
        "entries": report.entries,
        "animals": report.animals,
        "rejected": report.rejected,
        "deviating": report.deviating,
        "organization": organization,
        "report": report,
    }


def journal_linked(application) -> bool:
    """GOST 7.6: a slaughterhouse keeps a slaughter journal; the application page links it for
    slaughter products or once the enterprise keeps one."""
    return (
        application.products.filter(category__involves_slaughter=True).exists()
        or application.organization.slaughter_entries.exists()
    )


def stunning_checks(organization: Organization) -> QuerySet[StunningCheck]:
    return StunningCheck.objects.filter(
        line__slaughterhouse__organization=organization
    ).select_related("line__slaughterhouse")


# --- deviations the commission answers (GOST 8.16, 8.17) ---------------------------------------


def deviation_window_start(application) -> datetime.date:
    """The journal is read from a year before the application's first production check started
    (the period section 9 of the act reads), or a year back from today before any check."""
    first = application.production_checks.aggregate(first=Min("start_date"))["first"]
    return (first or timezone.localdate()) - datetime.timedelta(days=JOURNAL_WINDOW_DAYS)


def unanswered_deviations(application) -> QuerySet[Finding]:
    """The deviations of the enterprise's slaughter journal that the application's commission
    (or its check's auditor) has not settled: not answered, or answered by a nonconformity
    still open (GOST 8.16). The certification gate asks for these (GOST 8.17)."""
    return (
        Finding.objects.unsettled()
        .filter(
            entry__organization_id=application.organization_id,
            entry__date__gte=deviation_window_start(application),
        )
        .select_related("entry", "nonconformity", "answered_by")
        .order_by("entry__date", "entry__pk", "pk")
    )


def findings_of(organization: Organization) -> QuerySet[Finding]:
    return Finding.objects.filter(entry__organization=organization).select_related(
        "entry", "nonconformity", "answered_by"
    )


# --- the register (GOST 7.6.2–7.6.4) ----------------------------------------------------------


def slaughterhouses(organization: Organization) -> QuerySet[Slaughterhouse]:
    """The enterprise's slaughterhouses with their register and its documents, in one read each."""
    return organization.slaughterhouses.prefetch_related(
        Prefetch("workers", queryset=Worker.objects.select_related("user")),
        "workers__documents",
        "rooms",
        Prefetch("lines", queryset=Line.objects.select_related("slaughter_room", "stunning_room")),
        "lines__knives",
    )


def workers_of(organization: Organization) -> QuerySet[Worker]:
    return Worker.objects.filter(slaughterhouse__organization=organization).select_related(
        "slaughterhouse"
    )


def documents_of(organization: Organization) -> QuerySet[WorkerDocument]:
    return WorkerDocument.objects.filter(
        worker__slaughterhouse__organization=organization
    ).select_related("worker__slaughterhouse")


@dataclass
class DocumentOnDay:
    kind: str
    clause: str
    document: WorkerDocument | None
    valid: bool

    @property
    def label(self) -> str:
        return str(DocumentKind(self.kind).label)


@dataclass
class WorkerOnDay:
    """A person on the register and their documents as they stood on ``day``."""

    worker: Worker
    day: datetime.date
    documents: list[DocumentOnDay] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.refusals


def register_on(slaughterhouse: Slaughterhouse, day: datetime.date) -> list[WorkerOnDay]:
    """The register as it stood on ``day``: who was on it, each required document of their role
    and whether it was valid, and why anyone could not work that day. Reads the prefetched
    ``workers`` and their ``documents``."""
    rows = []
    for worker in slaughterhouse.workers.all():
        if not worker.on_register(day):
            continue
        documents = list(worker.documents.all())
        row = WorkerOnDay(worker=worker, day=day, refusals=worker_refusals(worker, day))
        for kind, clause in REQUIRED_DOCUMENTS[worker.role]:
            document, valid = document_state(documents, kind, day)
            row.documents.append(DocumentOnDay(kind, clause, document, valid))
        rows.append(row)
    return rows


def documents_expiring(
    documents: QuerySet[WorkerDocument],
    *,
    today: datetime.date | None = None,
    within: int = EXPIRY_WARNING_DAYS,
) -> QuerySet[WorkerDocument]:
    """Documents of people still on the register that end within ``within`` days (today
    included) and have no later document of the same kind to follow them."""
    today = today or timezone.localdate()
    last = today + datetime.timedelta(days=within)
    renewed = WorkerDocument.objects.filter(
        worker=OuterRef("worker"), kind=OuterRef("kind"), valid_to__gt=OuterRef("valid_to")
    )
    return (
        documents.filter(valid_to__gte=today, valid_to__lte=last)
        .exclude(worker__left_on__lt=today)
        .exclude(Exists(renewed))
        .order_by("valid_to", "pk")
    )
