"""The production-check panel on the application page: the checks the user may see, the button
that draws up a program, the links to the enterprise's sanitation and slaughter journals. Reads
only."""

from django import template

from certification.models import AppState

from .. import permissions, providers, selectors
from ..models import CheckStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def audits_panel(context, application) -> dict:
    user = context["request"].user
    checks = list(
        selectors.check_list_for(user)
        .filter(application=application)
        .prefetch_related("team__user")
        .order_by("created_at")
    )
    open_program = application.production_checks.filter(
        status__in=[CheckStatus.DRAFT, CheckStatus.APPROVED]
    ).exists()
    organization = application.organization
    acts = {
        act.production_check_id: act
        for act in selectors.act_list_for(user).filter(production_check__in=checks)
    }
    for check in checks:
        check.visible_act = acts.get(check.pk)
    journal_organization = (
        organization
        if selectors.journal_organizations_for(user).filter(pk=organization.pk).exists()
        else None
    )
    return {
        "checks": checks,
        "can_create": application.state == AppState.PRODUCTION_CHECK
        and permissions.can_manage_program(None, user)
        and not open_program,
        "journal_organization": journal_organization,
        # GOST 7.6: a slaughterhouse keeps a slaughter journal; shown for slaughter products or
        # once the enterprise keeps one.
        "slaughter": journal_organization is not None
        and (
            application.products.filter(category__involves_slaughter=True).exists()
            or organization.slaughter_entries.exists()
        ),
        # What the apps above audits show on the application (audits.providers).
        "panels": providers.application_panels(application, user),
    }
