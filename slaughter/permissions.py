"""Who may change the slaughterhouse's records: (organization, user) -> bool. Who may read them is
the selectors' business (the same readers as the enterprise's journals)."""

from audits.permissions import can_write_journal, is_org_member


def can_keep_register(organization, user) -> bool:
    """The enterprise keeps its slaughterhouses, their register of people and their plant."""
    return is_org_member(organization, user)


__all__ = ["can_keep_register", "can_write_journal"]
