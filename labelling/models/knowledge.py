"""The ingredient knowledge base: what the body's experts know of each raw material, additive
and component (GOST sections 3, 4 and 6), with the clause each judgement rests on.

Every change is kept as an :class:`IngredientChange` (append-only, written by
``services.ingredient_save``); the id of the latest change is the knowledge version a review
records, so an old review can say which knowledge it was made with.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """GOST 3 (halal), 4 (haram); doubtful: halal only from a halal source, shown by evidence."""

    HARAM = "haram", _("haram")
    DOUBTFUL = "doubtful", _("doubtful: depends on the source")
    HALAL = "halal", _("halal")


class Ingredient(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    # Other names and spellings in any of the three languages, one a line. A Kazakh name is a
    # stem: it matches the words that start with it.
    synonyms = models.TextField(_("synonyms"), blank=True, help_text=_("One a line."))
    e_number = models.CharField(
        _("E-number"), max_length=8, blank=True, help_text=_("As E471, E160a.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    clause = models.CharField(_("clause of the standard"), max_length=40)
    source = models.TextField(_("source"), help_text=_("The words of the standard it rests on."))
    note = models.TextField(_("expert's note"), blank=True)
    # GOST 6: made from slaughter products, so only of halal animals slaughtered per the standard.
    animal_derived = models.BooleanField(_("animal-derived"), default=False)
    # GOST 7.2: the label names the animal species (fat, gelatin, collagen, rennet...).
    species_required = models.BooleanField(_("label must name the species"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(_("knowledge version"), default=0, editable=False)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("ingredient")
        verbose_name_plural = _("ingredients")
        ordering = ["name_ru"]
        constraints = [
            models.UniqueConstraint(
                fields=["e_number"],
                condition=~models.Q(e_number=""),
                name="ingredient_e_number_unique",
            )
        ]

    def __str__(self) -> str:
        language = get_language() or "ru"
        if language.startswith("en"):
            return self.name_en
        if language.startswith("kk") and self.name_kk:
            return self.name_kk
        return self.name_ru

    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    def snapshot(self) -> dict:
        """What a change records: every field the experts edit."""
        return {
            field: getattr(self, field)
            for field in (
                "code",
                "name_ru",
                "name_en",
                "name_kk",
                "synonyms",
                "e_number",
                "status",
                "clause",
                "source",
                "note",
                "animal_derived",
                "species_required",
                "is_active",
            )
        }


class IngredientChange(models.Model):
    """One dated change of the knowledge base (append-only). Its id is the knowledge version."""

    ingredient = models.ForeignKey(Ingredient, on_delete=models.PROTECT, related_name="changes")
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    data = models.JSONField(_("entry as changed"))
    note = models.TextField(_("why"), blank=True)

    class Meta:
        verbose_name = _("knowledge base change")
        verbose_name_plural = _("knowledge base changes")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.data.get('code', '')}"
