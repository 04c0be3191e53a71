"""Gap-free sequential numbers taken under a row lock (GOST Л.4.1, protocol numbers)."""

from django.db import transaction

from ..models import Counter


class NumbersExhausted(RuntimeError):
    """The five digits of Л.4.1 are used up: issuing must stop, not wrap or overflow."""


def next_number(name: str, *, maximum: int | None = None) -> int:
    """Take the next number of ``name``. Must run inside the caller's transaction: the counter
    row stays locked until it commits, so concurrent issuers queue up, and a rollback returns
    the number — there are never gaps or duplicates."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside a transaction")
    Counter.objects.get_or_create(name=name)
    counter = Counter.objects.select_for_update().get(name=name)
    if maximum is not None and counter.value >= maximum:
        raise NumbersExhausted(f"counter {name!r} reached {maximum}")
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value
