"""Who may act on a report: (report, user) -> bool."""


def can_triage(report, user) -> bool:
    """The secretary keeps the queue of reports."""
    return user.is_authenticated and user.is_secretary


def can_answer_complaint(complaint, user) -> bool:
    """The secretary or the head answers a complaint in writing."""
    return user.is_authenticated and (user.is_secretary or user.is_head)


def can_close_complaint(complaint, user) -> bool:
    """The head closes it once answered."""
    return user.is_authenticated and user.is_head


def can_run_appeal(appeal, user) -> bool:
    """The secretary seats the appeal panel and records its decision."""
    return user.is_authenticated and user.is_secretary
