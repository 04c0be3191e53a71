"""Who may change the slaughterhouse's records: (organization, user) -> bool. Who may read them is
the selectors' business (the same readers as the enterprise's journals)."""

from audits.models import CheckStatus
from audits.permissions import can_write_journal, is_org_member


def can_keep_register(organization, user) -> bool:
    """The enterprise keeps its slaughterhouses, their register of people and their plant."""
    return is_org_member(organization, user)


__all__ = ["can_answer", "can_keep_register", "can_write_journal"]


def can_answer(finding, application, user) -> bool:
    """GOST 8.16, 8.17: a deviation of the enterprise's journal is answered by the members of the
    commission assigned to the application, or by an expert-auditor of its check under way."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if application.organization_id != finding.entry.organization_id:
        return False
    if user.is_commission_member and application.commission_members.filter(pk=user.pk).exists():
        return True
    return (
        user.is_auditor
        and application.production_checks.filter(
            state=CheckStatus.IN_PROGRESS, participants=user
        ).exists()
    )
