"""Writes of the knowledge base: every change of an entry is dated and kept."""

from django.db import transaction

from ..knowledge import bump_generation
from ..models import Ingredient, IngredientChange
from ..morphology import e_numbers


@transaction.atomic
def ingredient_save(*, ingredient: Ingredient, by, note: str = "") -> Ingredient:
    """Save an expert's edit and record it as a new knowledge version."""
    if ingredient.e_number:
        found = e_numbers(ingredient.e_number)
        if found:
            ingredient.e_number = found[0].code  # «Е-471» is kept as E471
    ingredient.full_clean()
    ingredient.save()
    change = IngredientChange.objects.create(
        ingredient=ingredient, by=by, data=ingredient.snapshot(), note=note
    )
    Ingredient.objects.filter(pk=ingredient.pk).update(
        version=change.pk, changed_at=change.at, changed_by=by
    )
    ingredient.version, ingredient.changed_at, ingredient.changed_by = change.pk, change.at, by
    # Now for this process and the tests; again after commit, so that no process rebuilds
    # its index from the rows as they stood before the commit and keeps it.
    bump_generation()
    transaction.on_commit(bump_generation)
    return ingredient
