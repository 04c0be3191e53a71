"""Russian grammar of names: people declined by pytrovich, organizations never declined."""

import pytest
from django.template import Context, Template
from django.utils import translation

from certification.management.commands.seed_demo import STAFF
from halal_portal.formatting import decline

# (nominative, genitive, dative): 10 men and 10 women with initials, both orders.
SURNAMES = [
    ("Хасанов М. И.", "Хасанова М. И.", "Хасанову М. И."),
    ("Иванов И. И.", "Иванова И. И.", "Иванову И. И."),
    ("Смирнов А. В.", "Смирнова А. В.", "Смирнову А. В."),
    ("Кузнецов П. С.", "Кузнецова П. С.", "Кузнецову П. С."),
    ("Нурланов Е. К.", "Нурланова Е. К.", "Нурланову Е. К."),
    ("Ахметов Р. Т.", "Ахметова Р. Т.", "Ахметову Р. Т."),
    ("Сабиров А. Ф.", "Сабирова А. Ф.", "Сабирову А. Ф."),
    ("Галиев Т. Р.", "Галиева Т. Р.", "Галиеву Т. Р."),
    ("Толстой Л. Н.", "Толстого Л. Н.", "Толстому Л. Н."),
    ("И. Р. Гарипов", "И. Р. Гарипова", "И. Р. Гарипову"),
    ("Хасанова М. И.", "Хасановой М. И.", "Хасановой М. И."),
    ("Иванова И. И.", "Ивановой И. И.", "Ивановой И. И."),
    ("Смирнова А. В.", "Смирновой А. В.", "Смирновой А. В."),
    ("Кузнецова П. С.", "Кузнецовой П. С.", "Кузнецовой П. С."),
    ("Нурланова А. С.", "Нурлановой А. С.", "Нурлановой А. С."),
    ("Ахметова Д. Р.", "Ахметовой Д. Р.", "Ахметовой Д. Р."),
    ("Абдуллаева Д. К.", "Абдуллаевой Д. К.", "Абдуллаевой Д. К."),
    ("Зарипова Г. Р.", "Зариповой Г. Р.", "Зариповой Г. Р."),
    ("Толстая С. А.", "Толстой С. А.", "Толстой С. А."),
    ("А. Р. Исмагилова", "А. Р. Исмагиловой", "А. Р. Исмагиловой"),
]


@pytest.mark.parametrize(("name", "genitive", "dative"), SURNAMES)
def test_surnames_with_initials_are_declined(name, genitive, dative):
    assert decline(name, "genitive") == genitive
    assert decline(name, "dative") == dative


@pytest.mark.parametrize(
    "name", ["Черных А. А.", "Шевченко И. П.", "Дюма А.", "Гюго В."], ids=["ых", "ко", "а", "о"]
)
def test_indeclinable_surnames_stay(name):
    assert decline(name, "genitive") == name


def test_the_demo_staff_are_declined_with_their_full_names():
    expected = {
        "Исмагилова": "Исмагиловой Алсу Ринатовны",
        "Хайруллин": "Хайруллина Марата Ильдаровича",
        "Абдуллаева": "Абдуллаевой Диляры Камилевны",
        "Юсупов": "Юсупова Рената Шамилевича",
        "Сабиров": "Сабирова Айдара Фаритовича",
    }
    for _email, last, first, middle, *_rest in STAFF:
        if last in expected:
            assert decline(f"{last} {first} {middle}") == expected[last]


@pytest.mark.parametrize(
    ("name", "genitive"),
    [("Валиев Т. А.", "Валиева Т. А."), ("И. Р. Гарипов", "И. Р. Гарипова")],
)
def test_the_demo_heads_are_declined(name, genitive):
    assert decline(name) == genitive


@pytest.mark.parametrize(
    "organization",
    ["ООО «Казанские сладости»", "Общество с ограниченной ответственностью «Ромашка»", "ИП Ким"],
)
def test_an_organization_is_never_declined(organization):
    assert decline(organization) == organization


def test_the_declaration_names_the_head_in_the_genitive_in_russian_only():
    template = Template(
        "{% load portal %}{% load i18n %}{% blocktranslate with org=o head=h|genitive %}"
        "{{ org }}, represented by its head {{ head }}, guarantees that:{% endblocktranslate %}"
    )
    context = Context({"o": "ООО «Казанские сладости»", "h": "Хасанов М. И."})
    with translation.override("ru"):
        assert template.render(context) == (
            "ООО «Казанские сладости» в лице руководителя Хасанова М. И. гарантирует, что:"
        )
    with translation.override("en"):
        assert "its head Хасанов М. И." in template.render(context)


def test_russian_text_says_gost_in_cyrillic():
    # «ГОСТ», never «GOST», inside Russian: the catalog's translations and the documents.
    import re
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    catalog = subprocess.run(
        ["msgattrib", "--no-wrap", str(root / "locale/ru/LC_MESSAGES/django.po")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', catalog, flags=re.M)
    assert [t for t in translations if "GOST" in t] == []
    comments = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}", re.S)
    documents = [*root.glob("templates/annexes/*.html"), *root.glob("templates/documents/*.html")]
    russian = [p for p in documents if re.search("[а-яё]", p.read_text())]
    assert russian and [p.name for p in russian if "GOST" in comments.sub("", p.read_text())] == []
