"""The messages of the label review's findings, in the reader's language (review.py)."""

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .morphology import fold

# Findings are listed field by field, in the order of the label.
FIELD_ORDER = {
    "name": 0,
    "ingredients": 1,
    "statements": 2,
    "alcohol_percent": 3,
    "alcohol_source": 4,
    "gmo": 5,
    "fish": 6,
    "sign_diameter_mm": 7,
    "sign_print_method": 8,
    "certificate_number": 9,
}


def _number(value) -> str:
    """1.0, 1.00 and 1 read the same (as typed in the page or the API): «1»; 14.90 is «14,9»."""
    value = value.normalize()
    if value.as_tuple().exponent > 0:
        value = value.quantize(1)
    return number_format(value)


def _what(entry, word: str) -> str:
    """«желатин», or «Е-471» (моно- и диглицериды…) when the label calls it otherwise."""
    name = entry.name(get_language() or "ru")
    if fold(name) == fold(word):
        return f"«{word}»"
    return f"«{word}» ({name})"


def name_message(hit, word: str) -> str:
    if hit.forbids_product:
        return _(
            "«%(word)s»: the product itself is haram (%(what)s), GOST %(clause)s; it cannot carry "
            "the «Halal» sign under any name."
        ) % {"word": word, "what": hit.evokes, "clause": hit.clause}
    return _(
        "«%(word)s» evokes a haram product (%(what)s): GOST 7.2 does not allow such a name. "
        "Name the product by what it is made of."
    ) % {"word": word, "what": hit.evokes}


def ingredient_name_message(hit, word: str) -> str:
    return _(
        "«%(word)s» in the ingredients evokes a haram product (%(what)s): GOST %(clause)s does "
        "not allow such a name of an ingredient."
    ) % {"word": word, "what": hit.evokes, "clause": hit.clause}


def flavour_name_message(word: str) -> str:
    return _(
        "A flavouring named «%(word)s» evokes an alcoholic drink: GOST 7.2 does not allow such a "
        "name of an ingredient."
    ) % {"word": word}


def haram_message(entry, word: str) -> str:
    return _("%(what)s is haram: GOST %(clause)s.") % {
        "what": _what(entry, word),
        "clause": entry.clause,
    }


def doubtful_message(entry, word: str) -> str:
    if entry.animal_derived:
        return _(
            "%(what)s is halal only from halal animals slaughtered per the standard "
            "(GOST %(clause)s): attach the supplier's halal certificate or conformity document."
        ) % {"what": _what(entry, word), "clause": entry.clause}
    return _(
        "%(what)s depends on its source (GOST %(clause)s): attach the supplier's "
        "document showing it is made from halal raw materials."
    ) % {"what": _what(entry, word), "clause": entry.clause}


def pig_message(word: str) -> str:
    return _("«%(word)s» comes from the pig: haram, GOST 4 а) 1).") % {"word": word}


def species_message(word: str) -> str:
    return _("«%(word)s»: the label must name the animal species it comes from (GOST 7.2).") % {
        "word": word
    }


def unknown_message(words: str) -> str:
    return _("«%(words)s» is not in the knowledge base: the body's expert checks it (GOST 6).") % {
        "words": words
    }


def khamr_message() -> str:
    return _("Ethanol obtained from khamr (alcoholic drinks) is not allowed (GOST 6).")


def over_limit_message(percent) -> str:
    return _(
        "Ethanol %(percent)s %% is above the 1 %% allowed in a halal food product (GOST 6)."
    ) % {"percent": _number(percent)}


def detectable_message(percent) -> str:
    return _(
        "Ethanol %(percent)s %%: allowed only if it cannot be detected in the final product "
        "(GOST 6): attach a laboratory report."
    ) % {"percent": _number(percent)}


def source_message() -> str:
    return _("State the source of the ethanol: it must not come from khamr (GOST 6).")


def gmo_message() -> str:
    return _(
        "A GMO product must say «генетически модифицированная продукция», «продукция, "
        "полученная из ГМО» or «продукция содержит компоненты ГМО» (GOST 7.2)."
    )


def fish_message() -> str:
    return _("A fish product must say «рыба» or «произведено из рыбы» (GOST 7.2).")


def sign_size_message(diameter) -> str:
    return _(
        "The «Halal» sign is %(diameter)s mm across: it must be at least 15 mm (GOST 8.4)."
    ) % {"diameter": _number(diameter)}


def print_message() -> str:
    return _("The «Halal» sign is applied by typographic print or as a hologram (GOST 8.4).")


def no_certificate_message() -> str:
    return _(
        "The «Halal» sign may be applied only under a certificate: name its number (GOST 8.2)."
    )


def unknown_certificate_message(number: str) -> str:
    return _("No issued certificate has the number «%(number)s» (GOST 8.2).") % {"number": number}


def invalid_certificate_message(certificate, on) -> str:
    return _(
        "Certificate %(number)s is not valid on %(date)s: the sign may be used only while it is "
        "(GOST 8.6)."
    ) % {"number": certificate.number, "date": date_format(on, "d.m.Y")}


def not_covered_message(certificate, name: str, on) -> str:
    return _(
        "Certificate %(number)s does not cover «%(name)s» on %(date)s, neither itself nor in an "
        "annex (GOST 8.2, 8.18)."
    ) % {"number": certificate.number, "name": name, "date": date_format(on, "d.m.Y")}
