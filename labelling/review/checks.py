"""The label's other statements: ethanol (GOST 6), the GMO phrase and fish wording (7.2), the
sign's size and print (8.4) and the certificate under it (8.2, 8.6)."""

import re

from .. import findings as F
from ..morphology import fold, tokens
from .model import ERROR, MAX_ALCOHOL_PERCENT, MIN_SIGN_MM, WARNING, Finding, Label
from .words import GMO_PHRASES, lists

_NOT_WORDS = re.compile(r"[^\w]+")


def check_alcohol(label: Label, found: list[Finding]) -> None:
    """GOST 6: ethanol not from khamr; in food undetectable and at most 1 %."""
    percent, source = label.alcohol_percent, label.alcohol_source
    if source == "khamr":
        found.append(Finding("ethanol_from_khamr", "6", ERROR, F.khamr_message(), "alcohol_source"))
    if percent is None or percent <= 0:
        return
    if percent > MAX_ALCOHOL_PERCENT:
        found.append(
            Finding(
                "alcohol_over_limit", "6", ERROR, F.over_limit_message(percent), "alcohol_percent"
            )
        )
    else:
        found.append(
            Finding(
                "alcohol_detectable", "6", WARNING, F.detectable_message(percent), "alcohol_percent"
            )
        )
    if source in ("", "unknown"):
        found.append(
            Finding("alcohol_source_unknown", "6", WARNING, F.source_message(), "alcohol_source")
        )


def _phrase_text(*texts: str) -> str:
    return " ".join(_NOT_WORDS.sub(" ", fold(t)).strip() for t in texts if t)


def check_gmo_and_fish(label: Label, name_words, ingredient_words, found) -> None:
    if label.gmo:
        text = f" {_phrase_text(label.name, label.ingredients, label.statements)} "
        if not any(f" {phrase} " in text for phrase in GMO_PHRASES):
            found.append(Finding("gmo_phrase_missing", "7.2", ERROR, F.gmo_message(), "gmo"))
    if label.fish:
        fish = lists().fish
        words = [*name_words, *ingredient_words, *tokens(label.statements)]
        if not any(fish.matches(word) for word in words):
            found.append(Finding("fish_word_missing", "7.2", ERROR, F.fish_message(), "fish"))


def check_sign(label: Label, name_words, certificate, today, found) -> None:
    diameter, method, number = (
        label.sign_diameter_mm,
        label.sign_print_method,
        label.certificate_number,
    )
    if diameter is not None and diameter < MIN_SIGN_MM:
        found.append(
            Finding(
                "sign_too_small", "8.4", ERROR, F.sign_size_message(diameter), "sign_diameter_mm"
            )
        )
    if method == "other":
        found.append(
            Finding("sign_print_method", "8.4", ERROR, F.print_message(), "sign_print_method")
        )
    if not number:
        if diameter is not None or method:
            found.append(
                Finding(
                    "certificate_missing",
                    "8.2",
                    ERROR,
                    F.no_certificate_message(),
                    "certificate_number",
                )
            )
        return
    on = label.label_date or today
    if certificate is None:
        found.append(
            Finding(
                "certificate_unknown",
                "8.2",
                ERROR,
                F.unknown_certificate_message(number),
                "certificate_number",
            )
        )
        return
    if certificate.status != "valid" or not certificate.valid_from <= on <= certificate.valid_to:
        found.append(
            Finding(
                "certificate_not_valid",
                "8.6",
                ERROR,
                F.invalid_certificate_message(certificate, on),
                "certificate_number",
            )
        )
        return
    name = tuple(w.lemma for w in name_words)
    if not any(lemmas == name and since <= on for lemmas, since in certificate.products):
        found.append(
            Finding(
                "product_not_covered",
                "8.2",
                ERROR,
                F.not_covered_message(certificate, label.name, on),
                "certificate_number",
            )
        )
