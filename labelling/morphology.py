"""Words of a label as the rules compare them: tokens with their offsets and lemmas.

Russian words are reduced to their dictionary form by pymorphy3 with its Russian dictionary
(OpenCorpora), not by lists of endings: «свиные», «свиная», «свиного» are all «свиной». The
analyser may read one word several ways («пивные»: the adjective «пивной» or the noun «пивная»);
following STACK.md we take its first reading (``parse(word)[0]``) for a word of the text, and for a
word of a list (the name rule's words, the knowledge base's names) we take *every* lemma that any
form of it reads as first (:func:`lemma_keys`). So whichever way the analyser reads «пивные» or
«джин», the text's lemma is among the list's keys, and no hand-kept ending list is involved.

English words are lowercased and their regular plural dropped (gelatins → gelatin). Kazakh has no
analyser here: a Kazakh name of the knowledge base is a stem matched at the start of a word
(«шошқа» matches «шошқаның»), see knowledge.py.
"""

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3
import pymorphy3_dicts_ru

# A word: letters (Cyrillic incl. Kazakh, Latin) and digits, with inner hyphens kept apart.
WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)

# E-numbers in any spelling (GOST 3.2 н: food additives): E471, Е471 (Cyrillic Е), e-471, E 471,
# «Е-471», E160a, Е160а, E471(i). Not inside a word: «Е» must not follow a letter or digit.
E_NUMBER = re.compile(r"(?<![^\W_])[EeЕе]\s?[-‐‑–—]?\s?(\d{3,4})([a-fA-Fа-еА-Е])?(?![^\W_])")
_CYRILLIC_SUFFIX = str.maketrans("абвгдеАБВГДЕ", "abcdefabcdef")


# The dictionary's revision: keys computed with another dictionary are not reused.
DICTIONARY = pymorphy3_dicts_ru.__version__


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # lowercase, «ё» read as «е»
    start: int
    end: int
    lemma: str


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    # Built once per process (~0.1–0.3 s, ~27 MiB); the dictionaries ship with the package.
    # It logs where it loaded them from at INFO on every build: noise in a worker's log.
    logging.getLogger("pymorphy3").setLevel(logging.WARNING)
    return pymorphy3.MorphAnalyzer(lang="ru")


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _english_lemma(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# The cache holds the words of many labels: realistic labels reuse a small vocabulary, so after
# the first few hundred labels nearly every word is a cache hit (bench/labelling.py).
@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of one lowercase word (``parse(word)[0]`` for Russian)."""
    if word.isdigit():
        return word
    if _CYRILLIC.search(word):
        if KAZAKH_LETTERS.search(word):
            return word  # Kazakh: no analyser; matched by stem (knowledge.py)
        return fold(analyzer().parse(word)[0].normal_form)
    return _english_lemma(word)


_KEYS: dict[str, frozenset[str]] = {}


def lemma_keys(word: str) -> frozenset[str]:
    """Every lemma a form of ``word`` may be read as: the keys a list word is found by."""
    word = fold(word)
    if word not in _KEYS:
        _KEYS[word] = _expand(word)
    return _KEYS[word]


def remember_keys(word: str, keys: frozenset[str]) -> None:
    """Keys computed by another process (knowledge.py keeps them in the shared cache)."""
    _KEYS[fold(word)] = keys


def _expand(word: str) -> frozenset[str]:
    keys = {lemma(word)}
    if _CYRILLIC.search(word) and not KAZAKH_LETTERS.search(word):
        parses = analyzer().parse(word)
        for parse in parses:
            if parse is parses[0] or fold(parse.normal_form) == word:
                keys.update(lemma(fold(form.word)) for form in parse.lexeme)
    return frozenset(keys)


def tokens(text: str) -> list[Token]:
    folded = fold(text)
    return [
        Token(match.group(), match.start(), match.end(), lemma(match.group()))
        for match in WORD.finditer(folded)
    ]


def normalize_e_number(digits: str, suffix: str | None = None) -> str:
    """The canonical spelling: Latin «E», the digits, a Latin lowercase letter (E160a)."""
    letter = (suffix or "").translate(_CYRILLIC_SUFFIX).lower()
    return f"E{int(digits)}{letter}"


@dataclass(frozen=True, slots=True)
class ENumber:
    code: str  # canonical, e.g. "E471"
    start: int
    end: int


def e_numbers(text: str) -> list[ENumber]:
    return [
        ENumber(normalize_e_number(m.group(1), m.group(2)), m.start(), m.end())
        for m in E_NUMBER.finditer(text)
    ]
