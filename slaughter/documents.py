"""What the slaughterhouse's records add to the production-check act (Annex Ж), registered with
audits.providers in SlaughterConfig.ready(): section 2 (competence of the personnel) shows the
register as it stood on the check's dates."""

from audits.selectors import journal_organizations_for

from . import selectors

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
