"""What the enterprise's journals share (GOST 7.1 sanitation, Annex Б; 7.6 slaughter), and the
journals that apps above audits add.

audits keeps the sanitation journal. A journal kept in an app above it (slaughter: GOST 7.6) is
registered with :func:`register_journal` from that app's ``AppConfig.ready()``; audits then links
it on the application page's production-check panel and, when it names a section of the
production-check act (Annex Ж), shows its summary for the year before the check on that
section's page. audits never imports those apps.

The page helpers are shared by every journal's views: the enterprise whose journals the user
reads (404 for anyone else) and the period filter.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.models import Organization

from . import selectors


@dataclass(frozen=True)
class Journal:
    """A journal kept by an enterprise, as audits shows it."""

    label: Any  # lazy translated name, e.g. "Slaughter journal"
    url_name: str  # its page, reversed with ``org_pk``
    # Whether the application page links it: the products need it, or the enterprise keeps it.
    linked: Callable[[Any], bool]
    # The section of the act (Annex Ж) that reads it, the template of its summary there, and the
    # summary of the period: (organization, start, end) -> the template's ``summary``.
    act_section: int | None = None
    act_template: str = ""
    act_summary: Callable[[Organization, datetime.date, datetime.date], dict] | None = None


_JOURNALS: list[Journal] = []


def register_journal(journal: Journal) -> Journal:
    if journal not in _JOURNALS:
        _JOURNALS.append(journal)
    return journal


def journals() -> list[Journal]:
    return list(_JOURNALS)


def linked_journals(application) -> list[Journal]:
    """The registered journals the application page links (after the sanitation journal)."""
    return [journal for journal in _JOURNALS if journal.linked(application)]


def act_section_summaries(act, number: int) -> list[dict]:
    """The summaries that the act's section ``number`` shows, for the year before the check."""
    wanted = [j for j in _JOURNALS if j.act_section == number and j.act_summary is not None]
    if not wanted:
        return []
    organization = act.production_check.application.organization
    start, end = selectors.journal_window(act)
    return [
        {"template": j.act_template, "summary": j.act_summary(organization, start, end)}
        for j in wanted
    ]


# --- the journals' pages ----------------------------------------------------------------------


def journal_organization(request: HttpRequest, org_pk: int) -> Organization:
    """The enterprise whose journals the user reads; 404 for anyone else."""
    return get_object_or_404(selectors.journal_organizations_for(request.user), pk=org_pk)


def _date_param(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def journal_period(request: HttpRequest, entries):
    """The entries within the ?from= and ?to= dates (a malformed date is ignored), with the
    two dates for the filter form."""
    date_from, date_to = _date_param(request.GET.get("from")), _date_param(request.GET.get("to"))
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)
    return entries, date_from, date_to
