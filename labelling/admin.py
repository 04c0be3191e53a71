"""The knowledge base in the admin: the body's experts edit the entries; each save is a dated
change (services.ingredient_save), and the changes themselves are read-only."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from halal_portal.admin import ReadOnlyAdmin

from . import services
from .models import Ingredient, IngredientChange, LabelReview


class ChangeInline(admin.TabularInline):
    model = IngredientChange
    extra = 0
    fields = ["id", "at", "by", "note"]
    readonly_fields = fields
    can_delete = False
    ordering = ["-pk"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Ingredient)
class IngredientAdmin(admin.ModelAdmin):
    list_display = ["name_ru", "name_en", "e_number", "status", "clause", "version", "changed_at"]
    list_filter = ["status", "animal_derived", "species_required", "is_active"]
    search_fields = ["name_ru", "name_en", "name_kk", "synonyms", "e_number", "code"]
    readonly_fields = ["version", "changed_at", "changed_by"]
    inlines = [ChangeInline]
    fieldsets = [
        (None, {"fields": ["code", "name_ru", "name_en", "name_kk", "synonyms", "e_number"]}),
        (
            _("Judgement"),
            {
                "fields": [
                    "status",
                    "clause",
                    "source",
                    "note",
                    "animal_derived",
                    "species_required",
                    "is_active",
                ]
            },
        ),
        (_("Knowledge version"), {"fields": ["version", "changed_at", "changed_by"]}),
    ]

    def save_model(self, request, obj, form, change) -> None:
        services.ingredient_save(
            ingredient=obj,
            by=request.user,
            note=gettext("Edited in the admin.") if change else gettext("Added in the admin."),
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        # An entry that reviews may cite is retired («in use» off), never deleted.
        return False


@admin.register(IngredientChange)
class IngredientChangeAdmin(ReadOnlyAdmin):
    list_display = ["id", "ingredient", "at", "by", "note"]
    list_select_related = ["ingredient", "by"]
    search_fields = ["ingredient__name_ru", "ingredient__name_en", "note"]
    readonly_fields = ["ingredient", "at", "by", "data", "note"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LabelReview)
class LabelReviewAdmin(ReadOnlyAdmin):
    """Saved by applicants through the review page; shown, never edited by hand."""

    list_display = ["name", "product", "verdict", "knowledge_version", "created_by", "created_at"]
    list_filter = ["verdict", "language"]
    list_select_related = ["product", "created_by"]
    search_fields = ["name", "product__name", "product__application__number"]
