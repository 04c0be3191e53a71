"""The ingredients list: each ingredient through the knowledge base (GOST 3, 4, 6), the animal
named for slaughter products (7.2), names evoking haram (7.2), unknown ones for the expert."""

import re
from bisect import bisect_left

from .. import findings as F
from ..knowledge import KnowledgeIndex, Match
from ..morphology import Token
from ..rules import CLAUSE_DRINK, CLAUSE_NAME, CLAUSE_PORK
from ..rules import name_hits as rule_name_hits
from .model import ERROR, INFO, WARNING, Finding, Label
from .words import FISH_CLAUSE, lists

_MARKS = re.compile(r"[()\[\],;\n]")
_LEAF = re.compile(r"[^,;:()\[\]\n]+")


def split_items(text: str) -> list[tuple[int, int]]:
    """The ingredients of the list: split at commas and semicolons outside brackets."""
    items, depth, start = [], 0, 0
    for mark in _MARKS.finditer(text):
        char = mark.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            items.append((start, mark.start()))
            start = mark.end()
    items.append((start, len(text)))
    return [(a, b) for a, b in items if text[a:b].strip()]


def check_ingredients(label, words: list[Token], index: KnowledgeIndex, found) -> None:
    text = label.ingredients
    if not text.strip():
        return
    matches = index.find(text, words)
    starts = [w.start for w in words]
    known = lists()
    for start, end in split_items(text):
        item_words = words[bisect_left(starts, start) : bisect_left(starts, end)]
        in_item = [m for m in matches if start <= m.start < end]
        covered = _covered(in_item)
        item_matches = _first_of_each(in_item)
        qualifiers: set[int] = set()  # matches that only name the species of another
        for match in item_matches:
            if match.entry.species_required:
                named, spans = _check_species(label, match, item_words, item_matches, found)
                qualifiers |= named
                covered += spans
        flavoured = any(known.flavour.matches(w) for w in item_words)
        for number, match in enumerate(item_matches):
            if number in qualifiers or (
                match.entry.species_required and match.entry.animal_derived
            ):
                continue
            _report_entry(label, match, flavoured, found)
        for hit in rule_name_hits(text[start:end], _shift(item_words, start)):
            hit_start, hit_end = hit.start + start, hit.end + start
            if any(a <= hit_start < b for a, b in covered):
                continue
            # «рёбра свиные»: a pork ingredient (4 а 1); «…«Бекон»»: a name that evokes (7.2, 4 е).
            pork = hit.clause == CLAUSE_PORK
            found.append(
                Finding(
                    "haram_ingredient" if pork else "haram_name",
                    hit.clause if hit.clause != CLAUSE_DRINK else CLAUSE_NAME,
                    ERROR,
                    F.ingredient_name_message(hit, text[hit_start:hit_end]),
                    "ingredients",
                    hit_start,
                    hit_end,
                )
            )
        _check_unknown(label, start, end, item_words, covered, found)


def _first_of_each(matches: list[Match]) -> list[Match]:
    """«кармин (Е120)»: one ingredient named twice in one item is reported once."""
    seen: set[int] = set()
    kept = []
    for match in matches:
        if match.entry.pk not in seen:
            seen.add(match.entry.pk)
            kept.append(match)
    return kept


def _shift(words: list[Token], offset: int) -> list[Token]:
    return [Token(w.text, w.start - offset, w.end - offset, w.lemma) for w in words]


def _covered(matches: list[Match]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in matches]


def _report_entry(label: Label, match: Match, flavoured: bool, found: list[Finding]) -> None:
    entry, text = match.entry, label.ingredients[match.start : match.end]
    if entry.status == "haram":
        if entry.clause == "4 в) 1)" and flavoured:
            # «ароматизатор «Ром»»: a flavour named after a drink, not the drink (7.2).
            code, clause, message = "haram_name", CLAUSE_NAME, F.flavour_name_message(text)
        else:
            code, clause = "haram_ingredient", entry.clause
            message = F.haram_message(entry, text)
        found.append(Finding(code, clause, ERROR, message, "ingredients", match.start, match.end))
    elif entry.status == "doubtful":
        found.append(
            Finding(
                "doubtful_ingredient",
                entry.clause,
                WARNING,
                F.doubtful_message(entry, text),
                "ingredients",
                match.start,
                match.end,
            )
        )


def _check_species(label, match: Match, item_words, item_matches, found):
    """GOST 7.2: fat, gelatin, collagen, rennet… name their animal. Returns the matches of the
    item that only name that animal (not reported as ingredients of their own) and the spans of
    the words that name it."""
    known = lists()
    entry, text = match.entry, label.ingredients[match.start : match.end]
    species, qualifiers, spans = None, set(), []
    for word in item_words:
        if match.start <= word.start < match.end:
            continue
        kind = known.species.get(word.lemma) or known.species.get(word.text)
        if kind is not None:
            spans.append((word.start, word.end))
        if kind is not None and (species is None or kind == "pig"):
            species = kind
            qualifiers |= {n for n, m in enumerate(item_matches) if m.start <= word.start < m.end}
    if species is None and any(
        m is not match and m.entry.clause == FISH_CLAUSE for m in item_matches
    ):
        species = "fish"
    where = (match.start, match.end)
    if species == "pig":
        found.append(
            Finding("haram_species", "4 а) 1)", ERROR, F.pig_message(text), "ingredients", *where)
        )
    elif species is None:
        found.append(
            Finding("species_missing", "7.2", ERROR, F.species_message(text), "ingredients", *where)
        )
    if entry.animal_derived and species not in ("pig", "fish"):
        # GOST 6: only from halal animals slaughtered per the standard; shown by evidence.
        found.append(
            Finding(
                "doubtful_ingredient",
                entry.clause,
                WARNING,
                F.doubtful_message(entry, text),
                "ingredients",
                *where,
            )
        )
    return qualifiers, spans


def _check_unknown(label, start: int, end: int, item_words, covered, found) -> None:
    """Ingredients the knowledge base does not know: flagged for the expert (GOST 6)."""
    known = lists()
    text = label.ingredients
    for leaf in _LEAF.finditer(text, start, end):
        if text[leaf.end() : leaf.end() + 1] == "(" or text[leaf.end() :].lstrip()[:1] == "(":
            continue  # «шоколадная глазурь (…)»: a compound ingredient, its parts are listed
        words = [w for w in item_words if leaf.start() <= w.start < leaf.end()]
        unknown = [
            w
            for w in words
            if not any(a <= w.start < b for a, b in covered)
            and w.lemma not in known.function
            and w.lemma not in known.species
            and not w.text.isdigit()
            and len(w.text) > 1
        ]
        if unknown:
            first, last = unknown[0], unknown[-1]
            found.append(
                Finding(
                    "unknown_ingredient",
                    "6",
                    INFO,
                    F.unknown_message(text[first.start : last.end]),
                    "ingredients",
                    first.start,
                    last.end,
                )
            )
