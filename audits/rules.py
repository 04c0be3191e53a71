"""Rules of the production check, the sampling and the sanitation journal: pure reads, no writes.

Each rule of the standard that becomes code cites its clause; the messages name it too, so the
user reads why something is refused."""

import datetime

from django.utils.translation import gettext as _

from certification.models import AppState

from .reference import OPTIONAL_STAGES


def _date(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


# --- powers of attorney (GOST 2.19) ---------------------------------------------------------


def power_of_attorney_problem(user, start: datetime.date, end: datetime.date) -> str | None:
    """GOST 2.19: an expert-auditor works under a power of attorney valid on every day of the
    check. Returns why ``user`` may not take part from ``start`` to ``end``, or None."""
    powers = list(user.powers_of_attorney.all())
    if any(power.covers(start, end) for power in powers):
        return None
    name = user.get_short_name()
    if not powers:
        return _(
            "%(name)s has no power of attorney; an expert-auditor works only under one (GOST 2.19)."
        ) % {"name": name}
    latest = max(powers, key=lambda power: power.valid_to)
    if latest.valid_to < start:
        return _(
            "The power of attorney of %(name)s (%(power)s) expired before the check (GOST 2.19)."
        ) % {"name": name, "power": latest}
    return _(
        "The power of attorney of %(name)s (%(power)s) does not cover the check dates "
        "%(start)s–%(end)s (GOST 2.19)."
    ) % {"name": name, "power": latest, "start": _date(start), "end": _date(end)}


def team_power_problems(check) -> list[str]:
    """Why the expert-auditors of the team may not work on the check's dates (GOST 2.19)."""
    if not (check.start_date and check.end_date):
        return []
    problems = []
    for member in check.team.select_related("user").prefetch_related("user__powers_of_attorney"):
        if member.user.role_auditor:
            problem = power_of_attorney_problem(member.user, check.start_date, check.end_date)
            if problem:
                problems.append(problem)
    return problems


def team_powers_are_valid(check) -> bool:
    return not team_power_problems(check)


# --- the program (GOST 8.13, Annex Д) -------------------------------------------------------


def program_missing(check) -> list[str]:
    """What the program of Annex Д still lacks before the head can approve it."""
    missing = []
    if not check.purpose.strip():
        missing.append(_("State the purpose of the check (Annex Д, part 1)."))
    if not check.basis.strip():
        missing.append(_("State the basis for the check (Annex Д, part 2)."))
    if not (check.start_date and check.end_date):
        missing.append(_("Set the dates of the check (Annex Д, part 3)."))
    team = list(check.team.select_related("user"))
    if not any(member.user.role_auditor for member in team):
        missing.append(
            _("Include at least one expert-auditor in the commission (Annex Д, part 4; GOST 2.19).")
        )
    missing.extend(team_power_problems(check))
    if not check.normative_documents.exists() and not check.other_documents.strip():
        missing.append(
            _(
                "Name the normative documents with the requirements for «Halal» products "
                "(Annex Д, part 5)."
            )
        )
    team_ids = {member.user_id for member in team}
    for stage in check.stages.prefetch_related("executors"):
        if not stage.needed:
            continue
        executors = {user.pk for user in stage.executors.all()}
        if not executors & team_ids:
            missing.append(
                _("Name who carries out stage %(number)s (Annex Д, part 6).")
                % {"number": stage.number}
            )
    if check.stages.count() < 5:
        missing.append(_("The program lacks stages of the table of Annex Д, part 6."))
    return missing


def program_is_complete(check) -> bool:
    return not program_missing(check)


def stage_may_be_skipped(number: int) -> bool:
    """Annex Д: stages 3 and 4 are carried out «при необходимости»."""
    return number in OPTIONAL_STAGES


def application_is_in_check(check) -> bool:
    """GOST 8.13: the production is checked after the commission's positive document review."""
    return check.application.state == AppState.PRODUCTION_CHECK


# --- sampling (GOST 8.15, Annex Е) ----------------------------------------------------------


def sampling_act_missing(act) -> list[str]:
    """What the act of Annex Е still lacks before the expert-auditor signs it."""
    missing = []
    if not act.samples.exists():
        missing.append(_("Add at least one sample to the table (Annex Е)."))
    for field in ("external_inspection", "identification", "packaging", "storage_conditions"):
        if not getattr(act, field).strip():
            label = act._meta.get_field(field).verbose_name
            missing.append(_("Fill in «%(field)s» (Annex Е).") % {"field": label})
    if act.typical_representatives and not act.typical_justification.strip():
        missing.append(_("Justify the choice of typical representatives (GOST 8.15)."))
    return missing


def barcode_is_valid(code: str) -> bool:
    """A GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) with its GS1 check digit."""
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return False
    digits = [int(d) for d in code]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


# --- the sanitation journal (GOST 7.1, Annex Б) ---------------------------------------------

WASHES_REQUIRED = 7


def purification_errors(
    *,
    washes: int | None,
    wash_agent: str,
    soil_clean: bool,
    water_natural: bool,
    water_free_of_haram: bool,
) -> dict[str, str]:
    """Annex Б: what the recorded ritual purification after contact with haram lacks, by field.
    Each message cites the clause of Annex Б it enforces."""
    errors = {}
    if washes is None or washes < WASHES_REQUIRED:
        # Annex Б, Б.2 a); Б.2 b): the first wash removes the haram and counts as one.
        errors["washes"] = _(
            "Annex Б, Б.2 a): seven washes are required after contact with haram; "
            "%(count)s recorded."
        ) % {"count": washes or 0}
    if wash_agent not in ("salt", "soil"):
        errors["wash_agent"] = _(
            "Annex Б, Б.2 a): one of the seven washes must be with salt or soil added."
        )
    elif wash_agent == "soil" and not soil_clean:
        errors["soil_clean"] = _(
            "Annex Б, Б.3: the soil must be free of impurities and of admixtures such as oils, "
            "and not used before."
        )
    if not water_natural:
        errors["water_natural"] = _("Annex Б, Б.4 a): the water must be natural.")
    if not water_free_of_haram:
        errors["water_free_of_haram"] = _("Annex Б, Б.4 b): the water must be free of haram.")
    return errors


# --- the production-check act (GOST 8.16, Annex Ж) ------------------------------------------

ACT_REQUIRED_FIELDS = (
    "date",
    "enterprise_name",
    "legal_address",
    "production_address",
    "phone",
    "enterprise_head",
    "commission",
    "representatives",
    "purpose",
    "basis",
    "period_start",
    "period_end",
)


def act_missing(act) -> list[str]:
    """What the act of Annex Ж still lacks before it goes to the commission for signatures:
    a result on every item (GOST 8.16: «информацию по каждому пункту проверки»), a recorded
    nonconformity with a deadline behind every «nonconformity», and the conclusions on the
    enterprise's ability to produce «Halal» products steadily."""
    from .models import ItemStatus

    missing = []
    for field in ACT_REQUIRED_FIELDS:
        if getattr(act, field) in (None, ""):
            label = act._meta.get_field(field).verbose_name
            missing.append(_("Fill in «%(field)s» (Annex Ж).") % {"field": label})
    not_checked: dict[int, int] = {}
    results = act.results.select_related("item__section").prefetch_related("nonconformities")
    for result in results:
        number = result.item.section.number
        if result.result == ItemStatus.NOT_CHECKED:
            not_checked[number] = not_checked.get(number, 0) + 1
        elif result.result == ItemStatus.NONCONFORMITY:
            nonconformities = list(result.nonconformities.all())
            if not nonconformities:
                missing.append(
                    _(
                        "Section %(number)s: describe the nonconformity found on «%(item)s» "
                        "(GOST 8.16)."
                    )
                    % {"number": number, "item": result.item.text[:80]}
                )
            elif any(n.deadline is None and not n.fixed_on_spot for n in nonconformities):
                missing.append(
                    _(
                        "Section %(number)s: set the deadline for correcting the nonconformity "
                        "on «%(item)s» (GOST 8.16)."
                    )
                    % {"number": number, "item": result.item.text[:80]}
                )
    for number, count in sorted(not_checked.items()):
        missing.append(
            _("Section %(number)s: %(count)s item(s) without a result.")
            % {"number": number, "count": count}
        )
    if not act.conclusions.strip():
        missing.append(_("Write the conclusions of the act (Annex Ж, «Выводы»)."))
    if act.stable_production is None:
        missing.append(
            _(
                "Say whether the enterprise is able to produce «Halal» products steadily "
                "(GOST 8.16)."
            )
        )
    return missing


def nonconformity_errors(
    *, description: str, severity: str, deadline, fixed_on_spot: bool, act_date
):
    """GOST 8.16: a nonconformity that cannot be corrected during the check gets a deadline in
    the act. Returns the problems by field."""
    from .models import Severity

    errors = {}
    if not description:
        errors["description"] = _("Describe the nonconformity.")
    if severity not in Severity.values:
        errors["severity"] = _("Choose the severity of the nonconformity.")
    if not fixed_on_spot:
        if deadline is None:
            errors["deadline"] = _(
                "Set the deadline for correcting the nonconformity: it was not corrected during "
                "the check (GOST 8.16)."
            )
        elif act_date and deadline <= act_date:
            errors["deadline"] = _("The deadline must come after the date of the act.")
    return errors


# --- corrective actions (GOST 8.16) ---------------------------------------------------------


def can_verify(application, user) -> bool:
    """Who verifies a corrective action: the secretary, or an expert-auditor who took part in a
    production check of the application."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_secretary:
        return True
    return user.is_auditor and application.production_checks.filter(participants=user).exists()
