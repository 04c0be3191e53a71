from .composition import CompositionItem, ItemStatus, Resolution, ResolutionLog, Species
from .knowledge import Ingredient, IngredientChange, Status
from .review import AlcoholSource, LabelReview, PrintMethod, Verdict

__all__ = [
    "AlcoholSource",
    "CompositionItem",
    "ItemStatus",
    "Resolution",
    "ResolutionLog",
    "Species",
    "Ingredient",
    "IngredientChange",
    "LabelReview",
    "PrintMethod",
    "Status",
    "Verdict",
]
