"""Who may act on a report: (report, user) -> bool."""


def can_triage(report, user) -> bool:
    """The secretary keeps the queue of reports."""
    return user.is_authenticated and user.is_secretary
