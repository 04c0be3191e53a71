"""The certificate page and the API detail, kept in Django's cache (Redis in production).

QR codes and other systems hit these two answers; most hits are anonymous and many repeat (a
shelf of products, an app that scans them), so each anonymous answer is kept under its
certificate's number (and, for the page, its language) and served without a query until:

* a change of the certificate's public record commits (records.registry_rebuild registers
  `forget` with transaction.on_commit): the answers are replaced by a STALE mark for a few
  seconds, so that a request which read the old record just before the commit cannot put it
  back (`cache.add` does not overwrite the mark); the next request reads the new record;
* the next local midnight: the date alone can expire a certificate (GOST 8.6), and every answer
  is made as of a day.

On a miss an answer costs one query (selectors.registry_record). A deployment that changes what
an answer looks like (the page's template, its translations) or SITE_URL is followed by
`manage.py rebuild_registry_records`, which drops every kept answer.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

STALE = "stale"
STALE_SECONDS = 10


def page_key(number: str, language: str) -> str:
    return f"registry:page:{language}:{number}"


def detail_key(number: str) -> str:
    return f"registry:detail:{number}"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _seconds_left(today: datetime.date) -> int:
    """Whole seconds from now to the local midnight that ends ``today`` (0 once it is past)."""
    midnight = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min)
    )
    return max(0, int((midnight - timezone.now()).total_seconds()))


def kept(key: str, make: Callable[[datetime.date], Any | None]) -> Any | None:
    """The answer kept under ``key``, else ``make(today)`` kept until midnight. None (no such
    certificate) is not kept: a certificate is public from the moment it is signed."""
    answer = cache.get(key)
    if answer is not None and answer != STALE:
        return answer
    today = timezone.localdate()
    answer = make(today)
    if answer is not None and (timeout := _seconds_left(today)):
        cache.add(key, answer, timeout)
    return answer


def forget(numbers: Iterable[str]) -> None:
    """Drop the kept answers of certificates ``numbers`` (run on commit of their change)."""
    keys = []
    for number in numbers:
        keys.append(detail_key(number))
        keys.extend(page_key(number, language) for language, _name in settings.LANGUAGES)
    if keys:
        cache.set_many(dict.fromkeys(keys, STALE), STALE_SECONDS)
