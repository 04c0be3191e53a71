"""What the apps above audits add to its rules and pages, registered from their
AppConfig.ready(); audits never imports them (layers: certification → audits → slaughter).

- Journal signer checks: ``(organization, user, day) -> list[str]`` — why ``user`` may not sign
  the enterprise's journal on ``day`` as its halal controller (slaughter: the register, 7.6.4).
- Act section panels: ``(act, user) -> dict | None`` — a block shown on a section of the
  production-check act (Annex Ж); the dict has the ``template`` to include and its context.
- Application panels: ``(application, user) -> dict | None`` — a block shown in the production-
  check panel of the application page, likewise.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable

SignerCheck = Callable[..., list[str]]
Panel = Callable[..., dict | None]

_signer_checks: list[SignerCheck] = []
_act_sections: dict[int, list[Panel]] = defaultdict(list)
_application_panels: list[Panel] = []


def _add(registry: list, provider) -> None:
    if provider not in registry:  # ready() may run more than once (tests, reloads)
        registry.append(provider)


def register_journal_signer_check(check: SignerCheck) -> None:
    _add(_signer_checks, check)


def register_act_section_panel(section: int, provider: Panel) -> None:
    _add(_act_sections[section], provider)


def register_application_panel(provider: Panel) -> None:
    _add(_application_panels, provider)


def journal_signer_refusals(*, organization, user, day: datetime.date) -> list[str]:
    return [
        text
        for check in _signer_checks
        for text in check(organization=organization, user=user, day=day)
    ]


def act_section_panels(act, section: int, user) -> list[dict]:
    return [p for p in (provider(act, user) for provider in _act_sections[section]) if p]


def application_panels(application, user) -> list[dict]:
    return [p for p in (provider(application, user) for provider in _application_panels) if p]
