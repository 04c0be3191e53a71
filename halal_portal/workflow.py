"""One way to change state: every state machine of the portal (django-fsm-2) moves through
``fire``, and every move is written to the machine's transition log (``TransitionLogBase``).

``fire`` locks the row and reads it afresh, asks who may act before whether the state and the
conditions allow it (an outsider learns nothing about the object), runs the transition, saves
and records who, when, from, to and why — in the caller's transaction. Only django-fsm's public
API is used: ``can_proceed``, the ``get_all_/get_available_user_<field>_transitions`` methods it
gives each model and the ``Transition`` objects they return. ``actions`` gives the buttons.

Transitions take ``by`` and ``at`` as keyword arguments (who fires it, and when), plus whatever
details they stamp. A model that keeps ``<state field>_changed_at`` has it set to ``at``.
"""

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django_fsm import ANY_OTHER_STATE, ANY_STATE, FSMFieldMixin, can_proceed

from .errors import StateConflict
from .models import TransitionLogBase

M = TypeVar("M", bound=models.Model)
# Why the state refuses: a message, several, or a function of the locked object giving them.
Refusal = str | Iterable[str] | Callable[[Any], str | Iterable[str]] | None


def _fsm_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, FSMFieldMixin)]


@functools.cache
def state_field(model: type[models.Model]) -> str:
    """The name of the model's one FSM field."""
    names = _fsm_fields(model)
    if len(names) != 1:
        raise TypeError(f"{model.__name__} must have exactly one FSM field, not {names}")
    return names[0]


@functools.cache
def log_subject(log: type[TransitionLogBase]) -> tuple[type[models.Model], str]:
    """The state machine a log belongs to and the name of the log's foreign key to it."""
    found = [
        (field.related_model, field.name)
        for field in log._meta.concrete_fields
        if field.many_to_one and _fsm_fields(field.related_model)
    ]
    if len(found) != 1:
        raise LookupError(f"{log.__name__} must point at exactly one state machine: {found}")
    return found[0]


@functools.cache
def log_model(model: type[models.Model]) -> tuple[type[TransitionLogBase], str]:
    """The transition log of ``model`` and the name of its foreign key to the model: the one
    concrete ``TransitionLogBase`` that points at it. Found through the app registry, so the
    core never imports the apps that own the machines."""
    found = [
        (log, log_subject(log)[1])
        for log in apps.get_models()
        if issubclass(log, TransitionLogBase) and log_subject(log)[0] is model
    ]
    if len(found) != 1:
        raise LookupError(f"{model.__name__} needs exactly one transition log, found {found}")
    return found[0]


def state_label(log: type[TransitionLogBase], value: str) -> str:
    """How a state recorded in ``log`` reads: the label of its machine's choice."""
    model = log_subject(log)[0]
    field = model._meta.get_field(state_field(model))
    return str(dict(field.flatchoices).get(value, value))


def _user(user):
    # Permission functions take a user; a transition the system fires (the nightly expiry)
    # is asked with an anonymous one and is recorded without a name.
    return user if user is not None else AnonymousUser()


def _transitions(obj: models.Model):
    return getattr(obj, f"get_all_{state_field(type(obj))}_transitions")()


def may_fire(obj: models.Model, name: str, user) -> bool:
    """Whether ``user`` holds the permission of transition ``name``: the one leaving the current
    state or, when the state has none, any of that name — so that an outsider is refused for
    who they are before anything is said about the state."""
    candidates = [t for t in _transitions(obj) if t.name == name]
    if not candidates:
        raise AttributeError(f"{type(obj).__name__} has no transition {name!r}")
    state = getattr(obj, state_field(type(obj)))
    leaving = [
        t
        for t in candidates
        if t.source in (state, ANY_STATE) or (t.source == ANY_OTHER_STATE and t.target != state)
    ]
    return (leaving or candidates)[0].has_perm(obj, _user(user))


def actions(obj: models.Model, user, *, conditions: bool = False) -> frozenset[str]:
    """The names of the transitions ``user`` may fire on ``obj`` from its state: what a page
    offers as buttons. The conditions are not asked by default — the page lists what is still
    missing beside the button, and firing refuses with the reason; with ``conditions=True``
    this is django-fsm's ``get_available_user_<field>_transitions``."""
    field = state_field(type(obj))
    if conditions:
        found = getattr(obj, f"get_available_user_{field}_transitions")(_user(user))
        return frozenset(t.name for t in found)
    names = {t.name for t in _transitions(obj)}
    return frozenset(
        name
        for name in names
        if can_proceed(getattr(obj, name), check_conditions=False) and may_fire(obj, name, user)
    )


def record(
    obj: models.Model,
    name: str,
    *,
    by,
    source: str | None = None,
    target: str | None = None,
    at=None,
    comment: str = "",
    **extra: Any,
) -> TransitionLogBase:
    """Write one entry of ``obj``'s log: a transition, or an event that keeps the state (the
    creation, one signature among several). ``extra`` fills the log's own fields."""
    log, subject = log_model(type(obj))
    state = getattr(obj, state_field(type(obj)))
    return log.objects.create(
        **{subject: obj},
        transition=name,
        source=state if source is None else source,
        target=state if target is None else target,
        by=by,
        at=at or timezone.now(),
        comment=comment,
        **extra,
    )


def _explain(refusal: Refusal, obj: models.Model) -> str | Iterable[str] | None:
    return refusal(obj) if callable(refusal) else refusal


@transaction.atomic
def fire(
    obj: M,
    name: str,
    *,
    by,
    comment: str = "",
    at=None,
    refusal: Refusal = None,
    validate: Callable[[M], None] | None = None,
    log: dict[str, Any] | None = None,
    **details: Any,
) -> M:
    """Fire transition ``name`` on ``obj`` for ``by`` and record it; ``obj`` is updated in place
    and returned.

    Raises ``PermissionDenied`` when ``by`` may not fire it, then ``StateConflict`` (with
    ``refusal``'s explanation) when the state or the transition's conditions do not allow it;
    then ``validate(obj)`` checks the request's own input on the locked object (raising
    ``ValidationError``). ``details`` go to the transition method, ``log`` to the log entry."""
    model = type(obj)
    # Lock the row and read it afresh: two clicks or two people never fire one transition
    # twice, and every check below sees the committed state.
    list(model._default_manager.select_for_update().filter(pk=obj.pk).values_list("pk"))
    obj.refresh_from_db()
    if not may_fire(obj, name, by):
        raise PermissionDenied
    method = getattr(obj, name)
    if not can_proceed(method):
        raise StateConflict(_explain(refusal, obj), object=obj, method=name)
    if validate is not None:
        validate(obj)
    field = state_field(model)
    source = getattr(obj, field)
    at = at or timezone.now()
    method(by=by, at=at, **details)
    stamp = f"{field}_changed_at"
    if any(f.name == stamp for f in model._meta.concrete_fields):
        setattr(obj, stamp, at)
    obj.save()
    record(obj, name, by=by, source=source, at=at, comment=comment, **(log or {}))
    return obj
