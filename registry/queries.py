"""What visitors type: certificate numbers in any spelling (Л.4.1: the index «ХП» and a
five-digit sequential number, ХП.00001) and search texts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from certification.services.certificates import CERTIFICATE_MAXIMUM, format_number

# What may stand between the parts of a number: spaces, dots, dashes of every kind, «/».
_SEPARATORS = r"[\s.·,_/\-‐‑‒–—―−]*"
# «Х» and «П» as typed: Cyrillic or the Latin look-alikes (X, P; Cyrillic «Р» looks like P).
_CANONICAL = re.compile(r"ХП\.[0-9]{5}\Z")
_NUMBER = re.compile(rf"^{_SEPARATORS}(?:[ХX]{_SEPARATORS}[ПPР])?{_SEPARATORS}(\d+){_SEPARATORS}$")


def normalize_number(text: str) -> str | None:
    """The canonical ``ХП.00001`` for any spelling of a certificate number, else None.

    ``XP.00001``, ``хп 1``, ``ХП-00001``, ``хп００００１`` and a bare ``1`` all give ``ХП.00001``:
    NFKC folds full-width forms, case is ignored, separators and leading zeros are optional.
    """
    if not text or len(text) > 40:
        return None
    if _CANONICAL.match(text) and text != "ХП.00000":  # as QR codes and links carry it
        return text
    # «№» first: NFKC would turn it into the letters «No».
    folded = unicodedata.normalize("NFKC", text.replace("№", " ")).upper()
    match = _NUMBER.match(folded)
    if not match:
        return None
    value = int(match.group(1))  # int() reads any Unicode decimal digits
    if not 1 <= value <= CERTIFICATE_MAXIMUM:
        return None
    return format_number(value)


MIN_QUERY_LENGTH = 3  # below this a text search cannot use the trigram indexes
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class RegistryQuery:
    """What the visitor asked for: a certificate number, a text to look for, or nothing."""

    number: str | None = None
    text: str = ""
    error: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.number or self.text or self.error)


def parse_query(raw: str) -> RegistryQuery:
    """A number (in any spelling) or a text of 3 to 100 characters; anything else is an error
    with a message, so a short query never turns into a scan of the whole registry."""
    text = " ".join((raw or "").split())
    if not text:
        return RegistryQuery()
    if number := normalize_number(text):
        return RegistryQuery(number=number)
    if len(text) < MIN_QUERY_LENGTH:
        return RegistryQuery(
            error=_(
                "Type at least %(min)s characters of a manufacturer or a product, "
                "or a certificate number such as ХП.00001."
            )
            % {"min": MIN_QUERY_LENGTH}
        )
    if len(text) > MAX_QUERY_LENGTH:
        return RegistryQuery(
            error=_("The query is too long: at most %(max)s characters.")
            % {"max": MAX_QUERY_LENGTH}
        )
    return RegistryQuery(text=text)
