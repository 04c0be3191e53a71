"""The evidence a decision of the commission rests on (GOST 8.16–8.19): one registry that
certification asks, and that the apps knowing the evidence fill in.

GOST 8.17 «При положительных результатах работ комиссия принимает решение о выдаче
сертификата»: the certificate is issued only on the evidence of the work done. Certification
knows the decisions, not the evidence: the production check (audits), the slaughter journal
(slaughter) and, later, the labels (labelling) live in apps above it, which certification never
imports. Each of them registers a *provider* here in its ``AppConfig.ready()``; a provider is a
function ``provider(application, *, question, annex_request=None)`` that returns what it knows
for that decision:

- ``Finding``: a condition of the decision that does not hold, with its clause. A blocking one
  refuses the question (on the agenda and again when the meeting closes); a non-blocking one is
  shown to the commission to weigh. ``rules_out`` marks what no further evidence can change (a
  negative act): the question is then not even offered.
- ``Basis``: a document the decision rests on (the production-check act), named in the protocol,
  the decision letter and the certificate's public record.

Questions asked: «issue the certificate» and «issue an annex» (8.17, 8.18), «resume the work» and
«terminate the work» (8.16). Certification registers its own provider for the invoice (8.19).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import AnnexRequest, Application, Question


@dataclass(frozen=True)
class Finding:
    """A condition of the decision that is not met, in words a secretary reads, with its clause."""

    text: str
    clause: str
    blocking: bool = True
    rules_out: bool = False

    def __str__(self) -> str:
        return _("%(text)s (GOST %(clause)s)") % {"text": self.text, "clause": self.clause}


@dataclass(frozen=True)
class Basis:
    """A document the decision rests on: the production-check act (Annex Ж) by number and date."""

    number: str
    date: datetime.date

    def __str__(self) -> str:
        return _("production-check act No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d.%m.%Y"),
        }


Provider = Callable[..., Iterable[Finding | Basis]]
_providers: list[Provider] = []

# The questions whose decision rests on evidence (the others rest on the state alone).
GATED = (Question.ISSUE, Question.ISSUE_ANNEX, Question.RESUME, Question.TERMINATE)


def register(provider: Provider) -> Provider:
    """Add a provider (once: ``ready()`` may run again in tests)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def collect(
    application: Application, *, question: str, annex_request: AnnexRequest | None = None
) -> list[Finding | Basis]:
    found: list[Finding | Basis] = []
    for provider in _providers:
        found.extend(provider(application, question=question, annex_request=annex_request))
    return found


def findings(application, *, question, annex_request=None) -> list[Finding]:
    return [
        f
        for f in collect(application, question=question, annex_request=annex_request)
        if isinstance(f, Finding)
    ]


def unmet(application, *, question, annex_request=None) -> list[Finding]:
    """What refuses the decision now: every blocking finding, each with its clause."""
    return [
        f
        for f in findings(application, question=question, annex_request=annex_request)
        if f.blocking
    ]


def basis(application, *, question, annex_request=None) -> Basis | None:
    """The act the decision rests on, if any provider knows one."""
    return next(
        (
            b
            for b in collect(application, question=question, annex_request=annex_request)
            if isinstance(b, Basis)
        ),
        None,
    )


def ruled_out(application, *, question, annex_request=None) -> bool:
    """No further evidence can make the question pass (e.g. the act concludes negatively)."""
    return any(
        f.rules_out for f in findings(application, question=question, annex_request=annex_request)
    )


class EvidenceMissing(ValidationError):
    """The decision is refused: ``findings`` lists every unmet condition with its clause. Over
    HTTP it is a conflict with the state of the evidence (409), with the reasons."""

    def __init__(self, application: Application, question: str, found: list[Finding]):
        self.findings = found
        self.headline = _(
            "The commission cannot decide to %(question)s for application %(number)s yet:"
        ) % {"question": Question(question).label, "number": application.number}
        super().__init__([self.headline, *(str(f) for f in found)], code="evidence")


def require(application, *, question, annex_request=None) -> None:
    """Refuse ``question`` unless the evidence holds (GOST 8.16–8.19)."""
    if question not in GATED:
        return
    found = unmet(application, question=question, annex_request=annex_request)
    if found:
        raise EvidenceMissing(application, question, found)


# --- certification's own part: the invoice of the stage (GOST 8.19) --------------------------


def payment_evidence(application, *, question, annex_request=None) -> list[Finding]:
    """GOST 8.19 with WORK_WAITS_FOR_PAYMENT: the certificate is decided once the production
    check's invoice is paid."""
    if question != Question.ISSUE or not settings.WORK_WAITS_FOR_PAYMENT:
        return []
    if application.invoices.filter(stage="production_check").exclude(state="paid").exists():
        return [Finding(_("The invoice for the production check is not paid yet."), "8.19")]
    return []
