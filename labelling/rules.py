"""The name rule of the standard, checked wherever a product name is typed.

GOST 7.2: «Наименование продукции «Халяль» не должно ассоциироваться с продукцией «Харам», такой
как ветчина, бекон, пиво, ром и т. п., чтобы не вводить в заблуждение потребителя»; the same for
the names of ingredients. Section 4 е: a product resembling a haram one is haram even when its
ingredients are permitted (a pork flavour, alcohol-free wine or champagne). And a product that is
itself haram (pork cracklings, a cider) is not misnamed but forbidden: section 4 а 1), 4 в 1).

Words are compared by lemma (morphology.py: pymorphy3 for Russian), in Russian, English and
Kazakh, so every inflection is caught («свиные», «пивом», «сидра») and a word that merely shares
letters is not: ромашка, ромштекс, бромелайн, виноград, винегрет are other lemmas than ром and
вино. «Пивоваренный» (brewing) is deliberately not a beer word: «ячмень пивоваренный» is the
grade of a raw material (ГОСТ 5060), the barley is halal (GOST 3.2 е) and the name names no
drink; a product named after a brewery evokes no more than the grain does.

``validate_product_name(name)`` is the public entry point used by the application's product
form and the annex request (through certification): its signature stays as it is.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .morphology import KAZAKH_LETTERS, Token, lemma_keys, tokens

# What a name evokes -> its words (dictionary forms; every inflection is found by lemma). Words
# with Kazakh letters are stems matched at the start of a word («шошқаның»).
HARAM_WORDS: dict[str, tuple[Promise, tuple[str, ...]]] = {
    "ham": (_("ham"), ("ветчина", "ветчинный", "хамон", "прошутто", "ham", "jamon", "prosciutto")),
    "bacon": (_("bacon"), ("бекон", "беконный", "bacon")),
    "pork": (
        _("pork"),
        (
            "свинина",
            "свиной",
            "свинья",
            "поросенок",
            "кабан",
            "кабаний",
            "кабанятина",
            "pork",
            "porcine",
            "pig",
            "swine",
            "boar",
            "шошқа",
        ),
    ),
    "lard": (_("lard"), ("шпик", "смалец", "лярд", "lard")),
    "salo (pork fat)": (_("salo (pork fat)"), ("сало",)),
    "cracklings": (_("cracklings"), ("шкварка", "crackling")),
    "beer": (_("beer"), ("пиво", "пивной", "пивко", "beer", "lager")),
    "rum": (_("rum"), ("ром", "ромовый", "rum")),
    "wine": (_("wine"), ("вино", "винный", "wine", "шарап")),
    "champagne": (_("champagne"), ("шампанское", "шампанский", "champagne")),
    "cognac": (_("cognac"), ("коньяк", "коньячный", "cognac")),
    "brandy": (_("brandy"), ("бренди", "brandy")),
    "vodka": (_("vodka"), ("водка", "водочный", "vodka", "арақ")),
    "whisky": (_("whisky"), ("виски", "whisky", "whiskey")),
    "liqueur": (_("liqueur"), ("ликер", "ликерный", "liqueur")),
    "cider": (_("cider"), ("сидр", "cider")),
    "ale": (_("ale"), ("эль", "ale")),
    "mead": (_("mead"), ("медовуха", "mead")),
    "gin": (_("gin"), ("джин", "gin")),
    "tequila": (_("tequila"), ("текила", "tequila")),
    "port wine": (_("port wine"), ("портвейн",)),
    "sherry": (_("sherry"), ("херес", "sherry")),
    "vermouth": (_("vermouth"), ("вермут", "vermouth")),
    "mulled wine": (_("mulled wine"), ("глинтвейн",)),
}
# Made of the pig itself (GOST 4 а 1): not a misleading name but a haram product.
PORK = {"pork", "lard"}
# Pork products by name: their taste or flavour is the pork flavour of GOST 4 е.
PORK_PRODUCTS = {"ham", "bacon", "salo (pork fat)", "cracklings"}
# Alcoholic drinks (GOST 4 в 1), and imitations of them once made «alcohol-free» (4 е).
DRINKS = set(HARAM_WORDS) - PORK - PORK_PRODUCTS
# «безалкогольное пиво», «детское шампанское»: an imitation of a drink (GOST 4 е).
IMITATION_WORDS = ("безалкогольный", "детский", "alcohol", "non", "free", "алкогольсіз")
# «со вкусом свинины», «ароматизатор ветчины»: a taste or flavour of a haram product (4 е).
FLAVOUR_WORDS = ("вкус", "аромат", "ароматизатор", "flavour", "flavor", "flavouring", "taste")

CLAUSE_NAME = "7.2"
CLAUSE_PORK = "4 а) 1)"
CLAUSE_DRINK = "4 в) 1)"
CLAUSE_IMITATION = "4 е)"


@dataclass(frozen=True)
class Matcher:
    keys: frozenset[str]  # lemmas
    stems: tuple[str, ...]  # Kazakh stems

    def matches(self, token: Token) -> bool:
        return token.lemma in self.keys or any(token.text.startswith(s) for s in self.stems)


def word_matcher(words) -> Matcher:
    keys: set[str] = set()
    stems = []
    for word in words:
        if KAZAKH_LETTERS.search(word):
            stems.append(word)
        else:
            keys |= lemma_keys(word)
    return Matcher(frozenset(keys), tuple(stems))


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Lemma -> what it evokes (the first key that lists it), and the Kazakh stems."""
    by_lemma: dict[str, str] = {}
    stems = []
    for what, (_label, words) in HARAM_WORDS.items():
        matcher = word_matcher(words)
        for key in matcher.keys:
            by_lemma.setdefault(key, what)
        stems.extend((stem, what) for stem in matcher.stems)
    return by_lemma, tuple(stems)


def _evokes(word: Token) -> str | None:
    by_lemma, stems = _lexicon()
    what = by_lemma.get(word.lemma)
    if what is None:
        what = next((what for stem, what in stems if word.text.startswith(stem)), None)
    return what


@lru_cache(maxsize=1)
def _imitation() -> Matcher:
    return word_matcher(IMITATION_WORDS)


@lru_cache(maxsize=1)
def _flavour() -> Matcher:
    return word_matcher(FLAVOUR_WORDS)


@dataclass(frozen=True)
class NameHit:
    """One word of a name that evokes a haram product, and what the standard says of it."""

    what: str  # a key of HARAM_WORDS
    clause: str  # 7.2 (rename), 4 а) 1) / 4 в) 1) (haram itself), 4 е) (imitation)
    start: int
    end: int

    @property
    def forbids_product(self) -> bool:
        return self.clause != CLAUSE_NAME

    @property
    def evokes(self) -> Promise:
        return HARAM_WORDS[self.what][0]


def name_hits(text: str, words: list[Token] | None = None) -> list[NameHit]:
    """Every word of ``text`` that evokes a haram product, with the clause that applies."""
    words = tokens(text) if words is None else words
    evoked = [(index, label) for index, word in enumerate(words) if (label := _evokes(word))]
    if not evoked:
        return []
    imitation = any(_imitation().matches(w) for w in words)
    flavour = any(_flavour().matches(w) for w in words)
    return [
        NameHit(
            label,
            _clause(label, index, words, text, imitation, flavour),
            words[index].start,
            words[index].end,
        )
        for index, label in evoked
    ]


def _clause(label, index: int, words: list[Token], text: str, imitation: bool, flavour: bool):
    if label in PORK:
        return CLAUSE_IMITATION if flavour else CLAUSE_PORK
    if label in PORK_PRODUCTS and flavour:
        return CLAUSE_IMITATION
    if label in DRINKS:
        if imitation:
            return CLAUSE_IMITATION
        # The drink is what the product is: the name starts with it, not «ром-баба».
        word = words[index]
        compound = text[word.end : word.end + 1] == "-"
        if index == 0 and not compound and not flavour:
            return CLAUSE_DRINK
    return CLAUSE_NAME


def haram_associations(name: str) -> list[Promise]:
    """What haram products the name evokes (GOST 7.2), in the order of HARAM_WORDS."""
    found = {hit.what for hit in name_hits(name)}
    return [label for what, (label, _words) in HARAM_WORDS.items() if what in found]


def validate_product_name(name: str) -> None:
    """GOST 7.2, 4: refuse a product name that evokes a haram product or names one."""
    hits = name_hits(name)
    if not hits:
        return
    words = ", ".join(str(label) for label in haram_associations(name))
    forbidden = [hit for hit in hits if hit.forbids_product]
    if forbidden:
        raise ValidationError(
            _(
                "The product itself is haram (%(words)s): GOST section 4, clause %(clause)s, "
                "forbids it, so it cannot be certified as halal under any name."
            ),
            code="haram_product",
            params={"words": words, "clause": forbidden[0].clause},
        )
    raise ValidationError(
        ngettext(
            "The name evokes a haram product (%(words)s): GOST 7.2 does not allow such a "
            "name for a halal product, as it would mislead the consumer. Name the product "
            "by what it is made of.",
            "The name evokes haram products (%(words)s): GOST 7.2 does not allow such a "
            "name for a halal product, as it would mislead the consumer. Name the product "
            "by what it is made of.",
            len({hit.what for hit in hits}),
        ),
        code="haram_name",
        params={"words": words},
    )
