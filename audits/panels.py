"""The cards audits adds to certification's application page (registered in audits/apps.py):
the nonconformities with their corrective actions (GOST 8.16), and the production check
(GOST 8.13–8.15) with the enterprise's journals. Reads only; the page has already checked that
the user may see the application."""

from certification.models import AppState
from certification.permissions import is_member

from . import journals, permissions, rules, selectors
from .forms import VerifyForm
from .models import CheckStatus


def corrective_panel(request, application) -> dict | None:
    """The nonconformities to correct and the actions filed against them; the verification
    form for whoever verifies them. Not shown while there are none."""
    user = request.user
    nonconformities = selectors.nonconformities_with_actions(application)
    if not nonconformities:
        return None
    verifier = rules.can_verify(application, user)
    if verifier:
        for nonconformity in nonconformities:
            for action in nonconformity.actions.all():
                if not action.verified_at:
                    action.verify_form = VerifyForm(prefix=f"verify-{action.pk}")
    return {
        "application": application,
        "nonconformities": nonconformities,
        "is_member": is_member(application, user),
        "is_suspended": application.state == AppState.SUSPENDED,
    }


def check_panel(request, application) -> dict | None:
    """The checks the user may see, the button that draws up a program, the links to the
    enterprise's journals (sanitation, and those registered in audits/journals.py)."""
    user = request.user
    checks = list(
        selectors.check_list_for(user)
        .filter(application=application)
        .prefetch_related("team__user")
        .order_by("created_at")
    )
    acts = {
        act.production_check_id: act
        for act in selectors.act_list_for(user).filter(production_check__in=checks)
    }
    for check in checks:
        check.visible_act = acts.get(check.pk)
    open_program = application.production_checks.filter(
        status__in=[CheckStatus.DRAFT, CheckStatus.APPROVED]
    ).exists()
    can_create = (
        application.state == AppState.PRODUCTION_CHECK
        and permissions.can_manage_program(None, user)
        and not open_program
    )
    organization = application.organization
    journal_organization = (
        organization
        if selectors.journal_organizations_for(user).filter(pk=organization.pk).exists()
        else None
    )
    if not (checks or can_create or journal_organization):
        return None
    return {
        "application": application,
        "checks": checks,
        "can_create": can_create,
        "journal_organization": journal_organization,
        "journals": journals.linked_journals(application) if journal_organization else [],
    }
