"""The ingredient knowledge base (GOST 3, 4, 6): seeded from the standard, found in any
spelling, edited by the experts with every change dated."""

import pytest
from django.urls import reverse

from labelling import services
from labelling.knowledge import current_index
from labelling.models import Ingredient, IngredientChange, Status
from labelling.morphology import e_numbers, tokens

pytestmark = pytest.mark.django_db


def found(text: str) -> list[tuple[str, str]]:
    index = current_index()
    return [(text[m.start : m.end], m.entry.code) for m in index.find(text, tokens(text))]


def test_the_seed_has_at_least_150_entries_each_with_its_clause_and_source():
    entries = Ingredient.objects.all()
    assert entries.count() >= 150
    assert not entries.filter(clause="").exists() and not entries.filter(source="").exists()
    assert set(entries.values_list("status", flat=True)) == set(Status.values)


def test_each_seeded_entry_is_a_dated_change():
    assert IngredientChange.objects.count() == Ingredient.objects.count()
    assert current_index().version == IngredientChange.objects.latest("pk").pk


@pytest.mark.parametrize(
    "spelling", ["E471", "Е471", "e-471", "E 471", "«Е-471»", "е471", "E‑471", "Е 471"]
)
def test_an_e_number_is_recognised_in_any_spelling(spelling):
    assert [e.code for e in e_numbers(f"эмульгатор {spelling}, сахар")] == ["E471"]
    assert found(f"эмульгатор {spelling}")[-1][1] == "mono-diglycerides"


@pytest.mark.parametrize("text", ["ГОСТ 31471", "КЕ471", "E47", "e4711x", "Бе 471"])
def test_no_e_number_where_there_is_none(text):
    assert e_numbers(text) == []


def test_an_e_number_with_a_cyrillic_letter_suffix_is_the_latin_one():
    assert [e.code for e in e_numbers("Е160а, E150d")] == ["E160a", "E150d"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("желатина", "gelatin"),
        ("желатином говяжьим", "gelatin"),
        ("желатин рыбный", "fish-gelatin"),  # the longest phrase first
        ("свиного жира", "lard"),
        ("жиром свиным", "lard"),
        ("пивных дрожжей", "brewers-yeast"),
        ("mono- and diglycerides", "mono-diglycerides"),
        ("Pork fat", "lard"),
        ("шошқа майынан", "lard"),  # Kazakh: a stem
        ("сүт қышқылы", "lactic-acid"),
        ("безалкогольного пива", "alcohol-free-beer"),
        ("ромашки", "chamomile"),  # not rum
        ("винограда", "grapes"),  # not wine
        ("бромелайн", "bromelain"),
        ("сыра", "cheese"),  # Russian «сыр», not the Kazakh beer
    ],
)
def test_names_are_found_in_their_inflections_and_languages(text, code):
    assert found(text)[0][1] == code


def test_a_phrase_does_not_run_across_two_ingredients():
    assert [code for _text, code in found("желатин, рыба")] == ["gelatin", "fish"]


def test_an_experts_change_is_dated_and_the_index_follows_it(admin_user):
    gelatin = Ingredient.objects.get(code="gelatin")
    before = current_index().version
    gelatin.synonyms += "\nжелирующий белок"
    services.ingredient_save(ingredient=gelatin, by=admin_user, note="a trade name")
    change = IngredientChange.objects.latest("pk")
    assert (change.by, change.note, gelatin.version) == (admin_user, "a trade name", change.pk)
    assert current_index().version == change.pk > before
    assert found("желирующий белок")[0][1] == "gelatin"


def test_an_e_number_is_stored_in_its_canonical_spelling(admin_user):
    carmine = Ingredient.objects.get(code="carmine")
    carmine.e_number = "е-120"
    services.ingredient_save(ingredient=carmine, by=admin_user)
    carmine.refresh_from_db()
    assert carmine.e_number == "E120"


def test_the_admin_edits_an_entry_as_a_dated_change(admin_client):
    gelatin = Ingredient.objects.get(code="gelatin")
    url = reverse("admin:labelling_ingredient_change", args=[gelatin.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    data = {
        **{k: v for k, v in gelatin.snapshot().items() if not isinstance(v, bool)},
        "animal_derived": "on",
        "species_required": "on",
        "is_active": "on",
        "status": Status.HARAM,
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    gelatin.refresh_from_db()
    assert gelatin.status == Status.HARAM
    assert IngredientChange.objects.latest("pk").data["status"] == Status.HARAM


def test_the_admin_never_deletes_an_entry(admin_client):
    gelatin = Ingredient.objects.get(code="gelatin")
    response = admin_client.get(reverse("admin:labelling_ingredient_delete", args=[gelatin.pk]))
    assert response.status_code == 403
