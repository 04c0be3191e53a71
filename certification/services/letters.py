"""The register of outgoing letters (models.letters): a decision sent in writing is entered with
the next number of its year, in the transaction that issues it."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from ..models import AgendaItem, OutgoingLetter
from .numbering import next_number


def outgoing_letter_register(
    *, item: AgendaItem, date: datetime.date | None = None
) -> OutgoingLetter:
    """Enter the decision letter of ``item`` in the register, once: the year's next number, gap-free
    (the year's counter row stays locked until the caller commits; a rollback gives it back)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outgoing_letter_register() must run inside a transaction")
    existing = OutgoingLetter.objects.filter(agenda_item=item).first()
    if existing is not None:
        return existing
    date = date or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(item.get_question_display())
    return OutgoingLetter.objects.create(
        year=date.year,
        number=next_number(f"outgoing-{date.year}"),
        date=date,
        recipient=item.application.org_name,
        subject=subject[:300],
        agenda_item=item,
    )
