from .knowledge import ingredient_save

__all__ = ["ingredient_save"]
