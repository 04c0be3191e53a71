"""What the slaughterhouse's records add to the production-check act (Annex Ж) and to the
application page, registered with audits.providers in SlaughterConfig.ready(): section 2
(competence of the personnel) shows the register as it stood on the check's dates; the
application lists the journal's deviations not yet settled."""

import datetime

from audits.selectors import journal_organizations_for

from . import selectors
from .permissions import can_answer
from .report import compliance_report

# Annex Ж: «2 Компетентность персонала».
PERSONNEL_SECTION = 2


def _readable(organization, user) -> bool:
    return journal_organizations_for(user).filter(pk=organization.pk).exists()


def act_personnel_panel(act, user) -> dict | None:
    """GOST 7.6.2–7.6.4 in section 2: per slaughterhouse, who was on its register on the first
    and the last day of the check, and whether each document of their role was valid then."""
    organization = act.production_check.application.organization
    houses = list(selectors.slaughterhouses(organization))
    if not houses:
        return None
    check = act.production_check
    days = sorted({d for d in (check.start_date, check.end_date) if d} or {act.date})
    return {
        "template": "slaughter/_act_personnel.html",
        "organization": organization,
        "days": days,
        "slaughterhouses": [
            {
                "slaughterhouse": house,
                "days": [{"day": day, "rows": selectors.register_on(house, day)} for day in days],
            }
            for house in houses
        ],
        "can_read": _readable(organization, user),
    }


def application_deviations_panel(application, user) -> dict | None:
    """GOST 8.17: on the application, the deviations of the enterprise's slaughter journal not
    yet settled, each with its answer so far; the commission and the check's auditor answer
    them. Shown for slaughter products or once the enterprise keeps a slaughter journal."""
    findings = list(selectors.unanswered_deviations(application))
    if not findings and not (
        application.products.filter(category__involves_slaughter=True).exists()
        or application.organization.slaughter_entries.exists()
    ):
        return None
    for finding in findings:
        open_again = finding.answer == "nonconformity" and finding.nonconformity_id is None
        finding.can_answer = (not finding.answer or open_again) and can_answer(
            finding, application, user
        )
    return {
        "template": "slaughter/_application_deviations.html",
        "application": application,
        "findings": findings,
        "since": selectors.deviation_window_start(application),
        "can_read": _readable(application.organization, user),
    }


# Annex Ж: «9 Соблюдение требований к процессам получения переработанной пищевой продукции
# животного происхождения».
SLAUGHTER_SECTION = 9


def act_compliance_panel(act, user) -> dict | None:
    """Section 9 draws on the compliance report of the enterprise's batches of the year before
    the check (the period the act reads its journals for)."""
    organization = act.production_check.application.organization
    check = act.production_check
    end = check.end_date or act.date
    start = (check.start_date or end) - datetime.timedelta(days=selectors.JOURNAL_WINDOW_DAYS)
    report = compliance_report(organization=organization, start=start, end=end)
    houses = list(organization.slaughterhouses.all())
    if not report.entries and not houses:
        return None
    return {
        "template": "slaughter/_act_section_9.html",
        "report": report,
        "slaughterhouses": houses,
        "can_read": _readable(organization, user),
    }
