"""Pure formatting shared by every app's documents.py (snapshots and template contexts).

Dates are stored in snapshots as ISO strings and printed DD.MM.YYYY (Л.4.2); people sign as
«инициалы, фамилия» (Л.4.6); the authorized organization's letterhead is read once, when a
document is issued. Nothing here renders a PDF or writes to the database.
"""

import datetime
import re

import segno
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe
from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

from accounts.models import AuthorizedBody

_INITIAL = re.compile(r"^\w\.$")
# A name, not an abbreviation («ИП», «ООО») nor a quoted organization name.
_NAME_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")


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


def number(value, decimals: int = 0, language: str | None = None) -> str:
    """A number as the reader's (or the given) language writes it, grouped: «45 000,00» in
    Russian and Kazakh, «45,000.00» in English. Pages, e-mails and documents all use this."""
    with translation.override(language or translation.get_language()):
        return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


def money(amount, currency: str = "", language: str | None = None) -> str:
    """An amount with two decimals and its currency: «45 000,00 RUB» / «45,000.00 RUB»."""
    text = number(amount, 2, language)
    return f"{text}\u00a0{currency}" if currency else text


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


_CASES = {"genitive": Case.GENITIVE, "dative": Case.DATIVE, "instrumental": Case.INSTRUMENTAL}
_DECLINER = PetrovichDeclinationMaker()
_GENDER = PetrovichGenderDetector()


def decline(name: str, case: str = "genitive") -> str:
    """A person's name in a Russian case, by pytrovich (made for Russian anthroponyms):
    «Хасанов М. И.» → «Хасанова М. И.», «М. И. Хасанова» → «М. И. Хасановой»; initials stay, the
    order stays. A full «Фамилия Имя Отчество» declines all three, its gender read from the
    patronymic. Never give it an organization: «ООО «…»» is not declined, the wording is."""
    words = name.split()
    initials = [w for w in words if _INITIAL.match(w)]
    names = [w for w in words if not _INITIAL.match(w)]
    if not names or len(names) > 3 or not all(_NAME_WORD.fullmatch(w) for w in names):
        return name
    parts = [NamePart.LASTNAME, NamePart.FIRSTNAME, NamePart.MIDDLENAME][: len(names)]
    if initials and len(names) != 1:
        return name
    gender = _GENDER.detect(
        lastname=names[0],
        firstname=names[1] if len(names) > 1 else None,
        middlename=names[2] if len(names) > 2 else None,
    )
    declined = iter(
        _DECLINER.make(part, gender, _CASES[case], word)
        for part, word in zip(parts, names, strict=True)
    )
    return " ".join(next(declined) if not _INITIAL.match(w) else w for w in words)


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
    # segno writes the markup itself and the URL is encoded as dark modules, never as text.
    return mark_safe(svg)  # nosec B308 B703


def body_snapshot() -> dict:
    """The authorized organization as a document issued now prints it."""
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
