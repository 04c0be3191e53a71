"""Labelling rules of the standard that the portal checks as data is entered.

GOST 7.2: «Наименование продукции «Халяль» не должно ассоциироваться с продукцией «Харам», такой
как ветчина, бекон, пиво, ром и т. п., чтобы не вводить в заблуждение потребителя»; section 4 е:
products that imitate haram ones (alcohol-free wine or champagne, a pork flavour) are haram too.
A product so named cannot be certified, so the name is refused where it is typed: in the
application's product list (Annex Г) and in a request for an annex (GOST 8.18).

The names are matched by word, in Russian and English, ignoring case and «ё»: the forms of each
word are listed so that an innocent word sharing its first letters is left alone (ромашка,
виноград, винегрет, пивоваренный двор are not rum, wine or beer).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

_ADJ = r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ых|их|ыми|ими|ую|юю|ом|ем)"

# What the name evokes -> the word forms that evoke it (regular expressions, one word each).
HARAM_WORDS: dict[Promise, tuple[str, ...]] = {
    _("ham"): (r"ветчин\w*", r"хамон\w*", r"прошутто", r"ham"),
    _("bacon"): (r"бекон\w*", r"bacon"),
    _("pork"): (r"свинин\w*", r"свин" + _ADJ, r"pork"),
    _("beer"): (r"пив(?:о|а|у|ом|е)", r"пивн" + _ADJ, r"beer"),
    _("rum"): (r"ром(?:а|у|ом|е)?", r"ромов" + _ADJ, r"rum"),
    _("wine"): (r"вин(?:о|а|у|ом|е)", r"винн" + _ADJ, r"wine"),
    _("champagne"): (r"шампанск\w*", r"champagne"),
    _("cognac"): (r"коньяк\w*", r"коньячн\w*", r"cognac"),
    _("brandy"): (r"бренди", r"brandy"),
    _("vodka"): (r"водк(?:а|и|е|у|ой)", r"водочн" + _ADJ, r"vodka"),
    _("whisky"): (r"виски", r"whiske?y"),
    _("liqueur"): (r"ликер\w*", r"liqueur"),
}

_PATTERNS = [
    (label, re.compile(r"\b(?:" + "|".join(forms) + r")\b", re.IGNORECASE))
    for label, forms in HARAM_WORDS.items()
]


def haram_associations(name: str) -> list[Promise]:
    """What haram products the name evokes (GOST 7.2), in the order of HARAM_WORDS."""
    text = name.replace("ё", "е").replace("Ё", "Е")
    return [label for label, pattern in _PATTERNS if pattern.search(text)]


def validate_product_name(name: str) -> None:
    """GOST 7.2: refuse a product name that evokes a haram product."""
    found = haram_associations(name)
    if found:
        words = ", ".join(str(label) for label in found)
        raise ValidationError(
            ngettext(
                "The name evokes a haram product (%(words)s): GOST 7.2 does not allow such a "
                "name for a halal product, as it would mislead the consumer. Name the product "
                "by what it is made of.",
                "The name evokes haram products (%(words)s): GOST 7.2 does not allow such a "
                "name for a halal product, as it would mislead the consumer. Name the product "
                "by what it is made of.",
                len(found),
            ),
            code="haram_name",
            params={"words": words},
        )
