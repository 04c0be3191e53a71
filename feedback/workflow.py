"""Firing a transition of the app's state machines (reports, complaints): the row locked and read
afresh, who may act asked before whether it may happen now, and the change logged."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, can_proceed


def fire(obj, name: str, *, by, comment: str = "", refused: str = "", **kwargs):
    """Fire ``obj.<name>(by=by, **kwargs)``, save and write a row of ``obj.log`` (who, when,
    from, to, why). ``refused``: the message when the transition's conditions do not hold."""
    # Lock and read afresh: two people never fire one transition twice.
    list(type(obj).objects.select_for_update().filter(pk=obj.pk).values_list("pk"))
    obj.refresh_from_db()
    method = getattr(obj, name)
    if not can_proceed(method, check_conditions=False):
        raise TransitionNotAllowed(name)
    if not method._django_fsm.has_transition_perm(obj, obj.state, by):
        raise PermissionDenied
    if not can_proceed(method):
        raise ValidationError(refused or _("This action is not allowed in the current state."))
    source = obj.state
    method(by=by, **kwargs)
    obj.save()
    obj.log.create(transition=name, source=source, target=obj.state, by=by, comment=comment)
    return obj
