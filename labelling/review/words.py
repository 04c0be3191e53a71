"""The review's word lists, compared by lemma like the rest (morphology.py)."""

from ..rules import word_matcher

# The animal a slaughter product comes from (GOST 7.2), by the words that name it.
SPECIES_WORDS = {
    "pig": ("свинья", "свиной", "свинина", "кабан", "кабаний", "pork", "pig", "porcine", "swine"),
    "cattle": ("говядина", "говяжий", "бычий", "телячий", "телятина", "коровий", "крс", "beef")
    + ("bovine", "cattle", "veal", "calf", "сиыр", "бұзау"),
    "sheep": ("баранина", "бараний", "овечий", "ягнятина", "mutton", "lamb", "ovine", "sheep"),
    "goat": ("козий", "козлятина", "goat", "caprine", "ешкі"),
    "horse": ("конина", "конский", "лошадиный", "horse", "equine", "жылқы"),
    "camel": ("верблюжий", "верблюжатина", "camel", "түйе"),
    "poultry": ("курица", "куриный", "птица", "цыпленок", "индейка", "индюшиный", "утка")
    + ("утиный", "гусь", "гусиный", "chicken", "poultry", "turkey", "duck", "goose", "тауық"),
    "fish": ("рыба", "рыбный", "fish", "балық"),
}
FISH_CLAUSE = "3.2 б)"
# Words that only say what an ingredient does or introduce the list (not ingredients).
FUNCTION_WORDS = (  # noqa: SIM905 (a list of words reads best as words)
    "состав эмульгатор стабилизатор загуститель консервант краситель антиокислитель регулятор "
    "кислотность разрыхлитель подсластитель усилитель вкус аромат агент влагоудерживающий "
    "пеногаситель глазирователь желирующий фиксатор окраска пищевой добавка содержать мочь след "
    "количество и в из с на для не более менее или а также "
    "ingredients ingredient emulsifier stabiliser stabilizer thickener preservative colour "
    "color antioxidant acidity regulator raising agent sweetener enhancer may contain trace "
    "and of from with or "
    "құрамы тұрақтандырғыш қоюлатқыш бояғыш және "
    # How an ingredient is made or kept: it stays the same ingredient.
    "сухой натуральный рафинированный дезодорированный нормализованный пастеризованный "
    "концентрированный обезжиренный цельный питьевой очищенный высший сорт первый молотый "
    "сушеный свежий охлажденный замороженный копченый вареный измельченный "
    "dried natural refined whole skimmed ground fresh frozen "
    # The part of the animal a slaughter product is made from (its species is what counts).
    "кожа кость шкура хрящ skin bone hide "
    # Statements that stand among the ingredients (the GMO phrases of 7.2).
    "продукция компонент гмо генетически модифицированный получить полученный gmo"
).split()
FLAVOUR_WORDS = ("ароматизатор", "эссенция", "вкус", "аромат", "flavour", "flavor", "flavouring")
GMO_PHRASES = (
    "генетически модифицированная продукция",
    "продукция полученная из гмо",
    "продукция содержит компоненты гмо",
    "genetically modified product",
    "product obtained from gmo",
    "product contains gmo components",
    "генетикалық түрлендірілген өнім",
    "гмо дан алынған өнім",
    "өнімде гмо компоненттері бар",
)
FISH_WORDS = ("рыба", "fish", "балық")


class _Words:
    """The review's word lists, built once per process from the lemmas of their words."""

    def __init__(self) -> None:
        self.species = {key: kind for kind, words in SPECIES_WORDS.items() for key in _keys(words)}
        self.function = _keys(FUNCTION_WORDS)
        self.flavour = word_matcher(FLAVOUR_WORDS)
        self.fish = word_matcher(FISH_WORDS)


def _keys(words) -> frozenset[str]:
    matcher = word_matcher(words)
    return matcher.keys | frozenset(matcher.stems)


_words: _Words | None = None


def lists() -> _Words:
    global _words
    if _words is None:
        _words = _Words()
    return _words
