"""A script detector for the page walk: which words of a page are in the wrong language.

Cyrillic on an English page is a failure unless it is data (names, addresses, products the users
typed, passed in as `data`) or a designation of the standard, which every language prints as the
standard does: annex letters («Annex Д»), its clauses («Л.4.4», «Б.2»), enumerations («7.6.7 б»),
the certificate numbers («ХП.00001»), the tax-id abbreviations and the standard's own title.
On a Kazakh page the reverse: an English word of the UI is a failure.
"""

import html
import re

CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff][\u0400-\u04ff\w-]*")
LATIN_WORD = re.compile(r"\b[A-Za-z][a-z]{2,}\b")
DESIGNATIONS = re.compile(
    r"ГОСТ «Продукция «Халяль»»|«Продукция «Халяль»»|ГОСТ|УНП|БИН|ИНН|ППУ"
    r"|ХП\.[\dX]+|\b[А-ЯЁа-яё](?:\.\d+)+|(?<![\w\u0400-\u04ff])[А-ЯЁа-яё](?![\w\u0400-\u04ff])"
)
# Words that are the same in Kazakh UI text: formats, standards, product names of software.
LATIN_ALLOWED = {
    "PDF",
    "JPEG",
    "PNG",
    "TIFF",
    "SVG",
    "HTML",
    "XML",
    "CSV",
    "Atom",
    "API",
    "JSON",
    "SHA",
    "ISO",
    "IEC",
    "HACCP",
    "JavaScript",
    "Halal",
    "Portal",
    "dpi",
}
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S | re.I)
ATTRIBUTES = re.compile(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"', re.I)
TAG = re.compile(r"<[^>]+>")
URL = re.compile(r"https?://\S+")


def visible_text(page: str) -> str:
    """What a reader sees or hears: text nodes and the attributes shown or read out."""
    page = HIDDEN.sub(" ", page)
    spoken = " ".join(ATTRIBUTES.findall(page))
    return html.unescape(TAG.sub(" ", page) + " " + spoken)


def without(text: str, data) -> str:
    # Longest first, so a name is removed whole before a shorter value inside it.
    for value in sorted({str(v) for v in data if v}, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def cyrillic_words(text: str, data=()) -> list[str]:
    return CYRILLIC_WORD.findall(DESIGNATIONS.sub(" ", without(text, data)))


def english_words(text: str, data=()) -> list[str]:
    text = URL.sub(" ", without(text, data))
    return [w for w in LATIN_WORD.findall(text) if w not in LATIN_ALLOWED]
