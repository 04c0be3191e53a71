from .knowledge import ingredient_save
from .reviews import label_review_save

__all__ = ["ingredient_save", "label_review_save"]
