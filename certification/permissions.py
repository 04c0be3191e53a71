"""Who may fire a transition or touch an application: (instance, user) -> bool."""

from django.core.exceptions import PermissionDenied


def is_member(application, user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and application.organization.membership_set.filter(user=user).exists()
    )


def can_edit(application, user) -> bool:
    return is_member(application, user)


def can_submit(application, user) -> bool:
    return is_member(application, user)


def can_register(application, user) -> bool:
    """The secretary handles submitted applications (GOST 8.10)."""
    return user.is_authenticated and user.is_secretary


def require_secretary(user) -> None:
    """The secretary's actions (GOST 8.10, meetings, fees): anyone else gets 403."""
    if not (user.is_authenticated and user.is_secretary):
        raise PermissionDenied
