"""GOST 7.2: a halal product's name must not evoke a haram product (ham, bacon, beer, rum...);
section 4 е: imitations of haram products (alcohol-free wine, champagne) are haram too."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from labelling.rules import haram_associations, validate_product_name


@pytest.mark.parametrize(
    ("name", "evokes"),
    [
        ("Ветчина из индейки", ["ham"]),
        ("Колбаса «Ветчинная»", ["ham"]),
        ("Бекон говяжий копченый", ["bacon"]),
        ("Пиво безалкогольное", ["beer"]),
        ("Закуска к пиву", ["beer"]),
        ("Напиток пивной", ["beer"]),
        ("Ром-баба", ["rum"]),
        ("Конфеты с ромовым ароматом", ["rum"]),
        ("Безалкогольное вино", ["wine"]),
        ("Уксус винный", ["wine"]),
        ("Шампанское детское", ["champagne"]),
        ("Торт «Коньячный»", ["cognac"]),
        ("Соус к водке", ["vodka"]),
        ("Шоколад с ликёром", ["liqueur"]),
        ("Ароматизатор «Свинина»", ["pork"]),
        ("Beef bacon", ["bacon"]),
        ("Alcohol-free WINE", ["wine"]),
        ("Ветчина с пивом", ["ham", "beer"]),
    ],
)
def test_names_evoking_haram_products_are_recognised(name, evokes):
    with translation.override("en"):
        assert [str(label) for label in haram_associations(name)] == evokes


@pytest.mark.parametrize(
    "name",
    [
        "Пахлава медовая",
        "Чай ромашковый",  # ромашка is not rum
        "Виноград сушеный",  # nor виноград wine
        "Винегрет овощной",
        "Сок виноградный",
        "Хлеб «Пивоваренный двор»",  # a brewery's name is not beer
        "Говядина охлажденная в полутушах",
        "Мармелад желейный",
        "Водоросли морские",  # водоросли is not водка
        "Hamburger buns",  # nor hamburger ham
        "Romaine lettuce",
    ],
)
def test_innocent_names_pass(name):
    assert haram_associations(name) == []
    validate_product_name(name)


def test_the_refusal_names_what_the_name_evokes_and_the_clause():
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        validate_product_name("Ветчина из индейки")
    message = refused.value.messages[0]
    assert "ветчина" in message and "ГОСТ 7.2" in message
