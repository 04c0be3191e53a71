from .knowledge import Ingredient, IngredientChange, Status
from .review import AlcoholSource, LabelReview, PrintMethod, Verdict

__all__ = [
    "AlcoholSource",
    "Ingredient",
    "IngredientChange",
    "LabelReview",
    "PrintMethod",
    "Status",
    "Verdict",
]
