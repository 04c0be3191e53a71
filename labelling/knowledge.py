"""The knowledge base as the review reads it: an in-memory index of every name, synonym and
E-number, built once per process and per knowledge version.

A label's words are found in it by lemma (morphology.py), a phrase of several words only when
they stand together in one ingredient (no comma or full stop between them), the longest phrase
first («желатин рыбный» before «желатин»). E-numbers are found in any spelling.

``current_index()`` asks the cache framework for the knowledge base's generation (one cache read)
and rebuilds the index when an expert has changed an entry since (services.ingredient_save bumps
it); the review itself never touches the database.
"""

import re
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Max

from .models import Ingredient, IngredientChange
from .morphology import (
    DICTIONARY,
    KAZAKH_LETTERS,
    WORD,
    ENumber,
    Token,
    e_numbers,
    fold,
    lemma_keys,
    remember_keys,
)

GENERATION_KEY = "labelling:kb-generation"
# Between two words of one phrase only spaces, hyphens, brackets and quotes may stand.
_JOINABLE = re.compile(r"[\s\-‐‑–—()«»\"'„“”]*")
# A Kazakh stem this short matches only the whole word (су, қаз).
_SHORT_STEM = 3


@dataclass(frozen=True, slots=True)
class Entry:
    """What the review needs of one ingredient (a plain copy of the row)."""

    pk: int
    code: str
    name_ru: str
    name_en: str
    name_kk: str
    e_number: str
    status: str
    clause: str
    animal_derived: bool
    species_required: bool

    def name(self, language: str) -> str:
        if language.startswith("en"):
            return self.name_en
        if language.startswith("kk") and self.name_kk:
            return self.name_kk
        return self.name_ru


@dataclass(frozen=True, slots=True)
class Part:
    """One word of a phrase: its lemmas, or a Kazakh stem."""

    keys: frozenset[str] = frozenset()
    stem: str = ""

    def matches(self, token: Token) -> bool:
        if self.stem:
            if len(self.stem) <= _SHORT_STEM:
                return token.text == self.stem
            return token.text.startswith(self.stem)
        return token.lemma in self.keys


@dataclass(frozen=True, slots=True)
class Phrase:
    parts: tuple[Part, ...]
    entry: Entry


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    start: int
    end: int
    first: int  # index of its first token (-1 for an E-number)
    last: int


@dataclass
class KnowledgeIndex:
    version: int
    generation: str = ""
    by_lemma: dict[str, list[Phrase]] = field(default_factory=dict)
    by_stem: dict[str, list[Phrase]] = field(default_factory=dict)
    by_e_number: dict[str, Entry] = field(default_factory=dict)
    entries: dict[int, Entry] = field(default_factory=dict)

    def add(self, entry: Entry, names: list[str], kazakh: list[str]) -> None:
        self.entries[entry.pk] = entry
        if entry.e_number:
            self.by_e_number[entry.e_number] = entry
        for name in names:
            # A Kazakh name (its field, or Kazakh letters anywhere in it) is a row of stems.
            stems = name in kazakh or bool(KAZAKH_LETTERS.search(name))
            parts = tuple(_part(word, stems) for word in WORD.findall(fold(name)))
            if not parts:
                continue
            phrase = Phrase(parts, entry)
            head = parts[0]
            if head.stem:
                self.by_stem.setdefault(head.stem[:_SHORT_STEM], []).append(phrase)
            else:
                for key in head.keys:
                    self.by_lemma.setdefault(key, []).append(phrase)

    def longest_first(self) -> None:
        for phrases in (*self.by_lemma.values(), *self.by_stem.values()):
            phrases.sort(key=_rank)

    def find(self, text: str, words: list[Token]) -> list[Match]:
        """Every ingredient named in ``text`` (its tokens ``words``), left to right."""
        found: list[Match] = []
        numbers = e_numbers(text)
        taken = [(n.start, n.end) for n in numbers]
        index = 0
        while index < len(words):
            word = words[index]
            if any(start <= word.start < end for start, end in taken):
                index += 1
                continue
            phrase = self._longest(text, words, index)
            if phrase is None:
                index += 1
                continue
            last = index + len(phrase.parts) - 1
            found.append(Match(phrase.entry, word.start, words[last].end, index, last))
            index = last + 1
        for number in numbers:
            entry = self._by_number(number)
            if entry is not None:
                found.append(Match(entry, number.start, number.end, -1, -1))
        found.sort(key=lambda m: m.start)
        return found

    def _candidates(self, word: Token) -> list[Phrase]:
        phrases = self.by_lemma.get(word.lemma, [])
        stems = self.by_stem.get(word.text[:_SHORT_STEM])
        if stems:
            phrases = sorted(phrases + stems, key=_rank)
        return phrases

    def _longest(self, text: str, words: list[Token], index: int) -> Phrase | None:
        for phrase in self._candidates(words[index]):
            end = index + len(phrase.parts)
            if end > len(words):
                continue
            if all(
                part.matches(words[index + offset])
                and (
                    offset == 0
                    or _JOINABLE.fullmatch(
                        text[words[index + offset - 1].end : words[index + offset].start]
                    )
                )
                for offset, part in enumerate(phrase.parts)
            ):
                return phrase
        return None

    def _by_number(self, number: ENumber) -> Entry | None:
        entry = self.by_e_number.get(number.code)
        if entry is None and number.code[-1].isalpha():
            entry = self.by_e_number.get(number.code[:-1])  # E471a read as E471
        return entry


def _rank(phrase: Phrase) -> tuple[int, bool]:
    """The longest phrase first; of two as long, the one found by lemma before a stem."""
    return -len(phrase.parts), bool(phrase.parts[0].stem)


def _part(word: str, stem: bool) -> Part:
    return Part(stem=word) if stem else Part(keys=lemma_keys(word))


def _warm_keys(words: set[str]) -> None:
    """Fill lemma_keys' cache from the shared cache: expanding a word to every form costs ~1.5 ms
    (3 s for the whole knowledge base), so each word is expanded once for all processes."""
    keys = {word: f"labelling:keys:{DICTIONARY}:{word}" for word in words}
    stored = cache.get_many(list(keys.values()))
    missing = {}
    for word, key in keys.items():
        if key in stored:
            remember_keys(word, frozenset(stored[key]))
        else:
            missing[key] = sorted(lemma_keys(word))
    if missing:
        cache.set_many(missing, timeout=None)


def build_index(rows, version: int, generation: str = "") -> KnowledgeIndex:
    """An index of ``rows`` (Ingredient instances or objects with the same attributes)."""
    rows = list(rows)
    _warm_keys(
        {
            word
            for row in rows
            for name in (row.name_ru, row.name_en, *row.synonym_list())
            if not KAZAKH_LETTERS.search(name)
            for word in WORD.findall(fold(name))
        }
    )
    index = KnowledgeIndex(version=version, generation=generation)
    for row in rows:
        entry = Entry(
            pk=row.pk,
            code=row.code,
            name_ru=row.name_ru,
            name_en=row.name_en,
            name_kk=row.name_kk,
            e_number=row.e_number,
            status=row.status,
            clause=row.clause,
            animal_derived=row.animal_derived,
            species_required=row.species_required,
        )
        names = [row.name_ru, row.name_en, row.name_kk, *row.synonym_list()]
        index.add(entry, [name for name in names if name], kazakh=[row.name_kk])
    index.longest_first()
    return index


def knowledge_version() -> int:
    """The id of the latest change of the knowledge base (0 before the first)."""
    return IngredientChange.objects.aggregate(v=Max("pk"))["v"] or 0


_current: KnowledgeIndex | None = None


def current_index() -> KnowledgeIndex:
    """The index of the knowledge base as it stands (rebuilt after an expert's change)."""
    global _current
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    if _current is None or _current.generation != generation:
        _current = build_index(
            Ingredient.objects.filter(is_active=True), knowledge_version(), generation
        )
    return _current


def bump_generation() -> None:
    """Every process rebuilds its index at its next review (called on each change and commit)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
