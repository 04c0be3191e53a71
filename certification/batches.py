"""Л.4.4: a product is made in «серийное производство» or in a batch (number, date, size).

The words are stored as they were written (a certificate's products keep the text of their
application, an annex request the holder's), so in whichever UI language the writer used. Pages
show them in the reader's language; documents print the standard's Russian words.
"""

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

SERIAL_MSGID = "serial production"
BATCH_MSGID = "batch No. %(number)s"


def _in_every_language(msgid: str) -> set[str]:
    texts = {msgid}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.add(gettext(msgid))
    return texts


def is_serial(text: str) -> bool:
    return text.strip().lower() in {t.lower() for t in _in_every_language(SERIAL_MSGID)}


def batch_label(text: str, language: str | None = None) -> str:
    """The stored batch text in the reader's (or the given) language."""
    with translation.override(language or translation.get_language()):
        if is_serial(text):
            return gettext(SERIAL_MSGID)
        for written in _in_every_language(BATCH_MSGID):
            prefix, _, suffix = written.partition("%(number)s")
            match = re.match(rf"^{re.escape(prefix)}(.+?){re.escape(suffix)}(,|$)", text)
            if match and (prefix or suffix):
                number = match.group(1)
                return (
                    gettext(BATCH_MSGID) % {"number": number} + text[match.end(1) + len(suffix) :]
                )
        return text
