"""Pure formatting shared by every app's documents.py (snapshots and template contexts).

Dates are stored in snapshots as ISO strings and printed DD.MM.YYYY (Л.4.2); people sign as
«инициалы, фамилия» (Л.4.6); the authorized organization's letterhead is read once, when a
document is issued. Nothing here renders a PDF or writes to the database.
"""

import datetime
import re

import segno
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

_INITIAL = re.compile(r"^\w\.$")


def iso(value) -> str | None:
    """A date (or an aware datetime, as a local date) as it is kept in a snapshot."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value.isoformat()


def gost_date(value: str | None) -> str:
    """Л.4.2: day and month with two digits, the year with four: 01.03.2026."""
    if not value:
        return ""
    return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")


def initials_surname(name: str) -> str:
    """Л.4.6 prints «инициалы, фамилия»: «Сафин Р. Р.» and «Сафин Ринат Рустамович» both give
    «Р. Р. Сафин»; a name already in that order is kept."""
    parts = name.replace(".", ". ").split()
    initials = [p for p in parts if _INITIAL.match(p)]
    words = [p for p in parts if not _INITIAL.match(p)]
    if initials and len(words) == 1:
        return " ".join([*initials, words[0]])
    if not initials and len(words) in (2, 3):
        return " ".join([*(f"{w[0]}." for w in words[1:]), words[0]])
    return " ".join(parts)


def surname_initials(name: str) -> str:
    """Annex Е asks for «фамилия, инициалы»: «Р. Р. Сафин» and «Сафин Ринат Рустамович» both
    give «Сафин Р. Р.»."""
    parts = initials_surname(name).split()
    if len(parts) > 1 and all(_INITIAL.match(p) for p in parts[:-1]):
        return " ".join([parts[-1], *parts[:-1]])
    return " ".join(parts)


def person(user) -> str:
    """A staff member as signatures print them: «И. О. Фамилия»."""
    if user is None:
        return ""
    return initials_surname(user.get_full_name()) if user.last_name else user.get_short_name()


def qr_svg(url: str) -> SafeString:
    """An inline SVG QR code with a white quiet zone of four modules (readable on the grid)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True
    )
    return mark_safe(svg)  # noqa: S308 — segno's own markup; the URL is encoded as modules


def body_snapshot() -> dict:
    """The authorized organization as a document issued now prints it."""
    from accounts.models import AuthorizedBody

    body = AuthorizedBody.get()
    return {
        "name": body.name,
        "address": body.legal_address,
        "phone": body.phone,
        "email": body.email,
        "head_name": body.head_name,
        "head_position": body.head_position,
    }


def body_context(snapshot: dict) -> dict:
    """The snapshot's organization with its head as signatures print them."""
    body = snapshot["body"]
    return {**body, "head": initials_surname(body["head_name"])}


def spreadsheet_safe(value) -> str:
    """A CSV cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
    quoted with an apostrophe (CSV injection); every other value as text."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
