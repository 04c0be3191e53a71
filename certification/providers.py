"""What the apps above certification plug into it.

certification never imports audits, slaughter or labelling (README, "Architecture"). Where its
pages, rules or decisions need what one of those apps knows, that app registers a provider here
from its ``AppConfig.ready()``, as the document kinds register with halal_portal.rendering:

- product-name rules, run wherever a product's name is typed (labelling: GOST 7.2);
- readers of an application besides the applicant and the commission (audits: the expert-auditors
  of its production check, GOST 8.13);
- who may not vote on an application's decision (audits: the members of its production check,
  ISO/IEC 17065 7.5);
- hooks run in the transaction of every adopted decision (audits: a suspension's grounds become
  the nonconformities to correct, GOST 8.16), and the nonconformities a decision letter lists;
- cards on the application page (audits: the production check; the nonconformities with their
  corrective actions).

Each registry is filled once, at start-up; nothing is registered per request.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

_PRODUCT_NAME_RULES: list[Callable[[str], None]] = []
_READERS: list[Callable[[Any], Q | None]] = []
_RECUSALS: list[Callable[[Iterable[int]], dict[int, set[int]]]] = []
_DECISION_HOOKS: list[Callable[[Any], None]] = []
_LETTER_NONCONFORMITIES: list[Callable[[Any], list[dict]]] = []


def _add(registry: list, provider):
    if provider not in registry:
        registry.append(provider)
    return provider


# --- product names ----------------------------------------------------------------------------


def register_product_name_rule(rule: Callable[[str], None]) -> Callable[[str], None]:
    """``rule(name)`` raises ValidationError for a name that may not be certified."""
    return _add(_PRODUCT_NAME_RULES, rule)


def validate_product_name(name: str) -> None:
    """The validator of every product-name field: each registered rule checks the name."""
    for rule in _PRODUCT_NAME_RULES:
        rule(name)


# --- who reads an application, who may not vote on it -----------------------------------------


def register_application_readers(readers: Callable[[Any], Q | None]) -> None:
    """``readers(user)``: a filter of the further applications ``user`` may see, or None."""
    _add(_READERS, readers)


def application_readers(user) -> list[Q]:
    """The filters of the applications that the registered providers open to ``user``."""
    return [extra for readers in _READERS if (extra := readers(user)) is not None]


def register_recusal(recused: Callable[[Iterable[int]], dict[int, set[int]]]) -> None:
    """``recused(application_ids)``: by application, the ids of the users who may not vote on
    its decision (one query for many applications)."""
    _add(_RECUSALS, recused)


def recused(application_ids: Iterable[int]) -> dict[int, set[int]]:
    ids = list(application_ids)
    found: dict[int, set[int]] = {pk: set() for pk in ids}
    for provider in _RECUSALS:
        for pk, users in provider(ids).items():
            found[pk] |= users
    return found


# --- decisions of the commission --------------------------------------------------------------


def register_decision_hook(hook: Callable[[Any], None]) -> None:
    """``hook(item)`` runs for each adopted agenda item, inside the meeting's closing
    transaction, after the decision is applied and before its letter is snapshotted."""
    _add(_DECISION_HOOKS, hook)


def decision_adopted(item) -> None:
    for hook in _DECISION_HOOKS:
        hook(item)


def register_letter_nonconformities(provider: Callable[[Any], list[dict]]) -> None:
    """``provider(item)``: the nonconformities that the item's decision letter lists, as
    ``{"description": str, "deadline": ISO date or None}``."""
    _add(_LETTER_NONCONFORMITIES, provider)


def letter_nonconformities(item) -> list[dict]:
    return [row for provider in _LETTER_NONCONFORMITIES for row in provider(item)]


# --- the application page ---------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationPanel:
    """A card on the application page: ``context(request, application)`` gives its template's
    context, or None when the card is not shown to this user."""

    template: str
    context: Callable[[Any, Any], dict | None]


_PANELS: list[ApplicationPanel] = []


def register_application_panel(panel: ApplicationPanel) -> ApplicationPanel:
    """Cards are shown in the order they are registered, after certification's own."""
    return _add(_PANELS, panel)


def application_panels(request, application) -> list[tuple[str, dict]]:
    """(template, context) of each registered card shown to the request's user."""
    shown = []
    for panel in _PANELS:
        context = panel.context(request, application)
        if context is not None:
            shown.append((panel.template, context))
    return shown
