"""Reads of the slaughter journal. Who reads an enterprise's journals is the same as for its
sanitation journal (audits.selectors.journal_organizations_for): its members, the secretary and
the head, and the expert-auditors who check it."""

import datetime

from django.db.models import QuerySet

from accounts.models import Organization

from .models import SlaughterEntry


def slaughter_entries(organization: Organization) -> QuerySet[SlaughterEntry]:
    return organization.slaughter_entries.all()


def slaughter_between(organization: Organization, start: datetime.date, end: datetime.date) -> dict:
    """Section 9 of the production-check act (Annex Ж): the batches of the period, how many
    animals, how many kept apart, and the entries with deviations from GOST 7.6."""
    entries = list(slaughter_entries(organization).filter(date__gte=start, date__lte=end))
    return {
        "start": start,
        "end": end,
        "entries": entries,
        "animals": sum(e.head_count for e in entries),
        "rejected": sum(e.rejected for e in entries),
        "deviating": [e for e in entries if e.deviations],
        "organization": organization,
    }


def journal_linked(application) -> bool:
    """GOST 7.6: a slaughterhouse keeps a slaughter journal; the application page links it for
    slaughter products or once the enterprise keeps one."""
    return (
        application.products.filter(category__involves_slaughter=True).exists()
        or application.organization.slaughter_entries.exists()
    )
