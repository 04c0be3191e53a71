from .knowledge import Ingredient, IngredientChange, Status

__all__ = ["Ingredient", "IngredientChange", "Status"]
