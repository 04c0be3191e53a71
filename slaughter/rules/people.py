"""Who may work at a slaughterhouse on a given day (GOST 7.6.2–7.6.4, 2.17).

A person named on a record must be on the slaughterhouse's register in their role on the
record's date, an adult where the standard asks for one, with each document of their role valid
on that date. A refusal names the person, the clause and the document missing or expired."""

import datetime
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from ..models import DocumentKind, Worker, WorkerDocument, WorkerRole

# The documents of each role, each with the clause that asks for it.
REQUIRED_DOCUMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    # GOST 7.6.2: qualification, the permit of the authorized organization, a medical certificate.
    WorkerRole.SLAUGHTERER: (
        (DocumentKind.QUALIFICATION, "7.6.2"),
        (DocumentKind.PERMIT, "7.6.2"),
        (DocumentKind.MEDICAL, "7.6.2"),
    ),
    # GOST 7.6.3: training in an authorized organization and a medical certificate.
    WorkerRole.OPERATOR: (
        (DocumentKind.QUALIFICATION, "7.6.3"),
        (DocumentKind.MEDICAL, "7.6.3"),
    ),
    # GOST 7.6.4: a training course, the permit of the authorized organization, a medical
    # certificate.
    WorkerRole.CONTROLLER: (
        (DocumentKind.QUALIFICATION, "7.6.4"),
        (DocumentKind.PERMIT, "7.6.4"),
        (DocumentKind.MEDICAL, "7.6.4"),
    ),
}
# GOST 7.6.2, 7.6.4: the slaughterer and the halal controller are adults («совершеннолетним»).
ADULT_AGE = 18
ADULT_CLAUSE = {WorkerRole.SLAUGHTERER: "7.6.2", WorkerRole.CONTROLLER: "7.6.4"}
ROLE_CLAUSE = {
    WorkerRole.SLAUGHTERER: "7.6.2",
    WorkerRole.OPERATOR: "7.6.3",
    WorkerRole.CONTROLLER: "7.6.4",
}


def _date(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def is_adult(birth_date: datetime.date, day: datetime.date) -> bool:
    """Adult from the 18th birthday on (born on 29 February: from 1 March)."""
    return birth_date + relativedelta(years=ADULT_AGE) <= day


def document_state(
    documents: Iterable[WorkerDocument], kind: str, day: datetime.date
) -> tuple[WorkerDocument | None, bool]:
    """The document of ``kind`` that counts on ``day`` and whether it is valid then: the valid one
    if any, else the latest issued by that day (expired), else none."""
    issued = [d for d in documents if d.kind == kind and d.issued_on <= day]
    valid = [d for d in issued if d.valid_to >= day]
    if valid:
        return max(valid, key=lambda d: d.valid_to), True
    if issued:
        return max(issued, key=lambda d: d.valid_to), False
    return None, False


def worker_refusals(worker: Worker, day: datetime.date) -> list[str]:
    """Why ``worker`` may not do their work on ``day``; empty when they may. Reads
    ``worker.documents.all()`` (prefetch it for many workers)."""
    role = WorkerRole(worker.role)
    context = {"name": worker.full_name, "role": role.label, "date": _date(day)}
    if not worker.on_register(day):
        return [
            _("%(name)s is not on the register as %(role)s on %(date)s (GOST %(clause)s).")
            % {**context, "clause": ROLE_CLAUSE[role]}
        ]
    refusals = []
    if role in ADULT_CLAUSE and not is_adult(worker.birth_date, day):
        refusals.append(
            _("%(name)s is not an adult on %(date)s: the %(role)s must be (GOST %(clause)s).")
            % {**context, "clause": ADULT_CLAUSE[role]}
        )
    documents = list(worker.documents.all())
    for kind, clause in REQUIRED_DOCUMENTS[role]:
        document, valid = document_state(documents, kind, day)
        label = DocumentKind(kind).label
        if document is None:
            refusals.append(
                _(
                    "%(name)s (%(role)s) has no %(document)s valid on %(date)s on the register "
                    "(GOST %(clause)s)."
                )
                % {**context, "document": label, "clause": clause}
            )
        elif not valid:
            refusals.append(
                _(
                    "%(name)s (%(role)s): the %(document)s № %(number)s expired on %(valid_to)s "
                    "(GOST %(clause)s)."
                )
                % {
                    **context,
                    "document": label,
                    "number": document.number,
                    "valid_to": _date(document.valid_to),
                    "clause": clause,
                }
            )
    return refusals


def registered_controller(
    *, organization, user, day: datetime.date, slaughterhouse=None
) -> tuple[Worker | None, list[str]]:
    """GOST 7.6.4, 2.17: the register entry under which ``user`` signs a journal of the
    enterprise on ``day`` as its halal controller, or why they may not. With ``slaughterhouse``
    only its register counts."""
    workers = Worker.objects.filter(
        slaughterhouse__organization=organization, role=WorkerRole.CONTROLLER, user=user
    ).prefetch_related("documents")
    if slaughterhouse is not None:
        workers = workers.filter(slaughterhouse=slaughterhouse)
    refusals: list[str] = []
    for worker in workers:
        found = worker_refusals(worker, day)
        if not found:
            return worker, []
        refusals.extend(found)
    if not refusals:
        place = slaughterhouse or organization
        refusals.append(
            _(
                "You are not on the register of %(place)s as its halal controller: only a "
                "registered halal controller signs (GOST 7.6.4, 2.17)."
            )
            % {"place": place}
        )
    return None, refusals


def controller_refusals(*, organization, user, day: datetime.date) -> list[str]:
    """For the sanitation journal (GOST 7.1): an enterprise with a slaughterhouse register signs
    its journals by a registered halal controller, valid on the entry's date (7.6.4); an
    enterprise without slaughterhouses has no register, and its journal is as before."""
    if not organization.slaughterhouses.exists():
        return []
    return registered_controller(organization=organization, user=user, day=day)[1]
