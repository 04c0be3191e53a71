from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabellingConfig(AppConfig):
    """Labelling rules and the halal sign (GOST 7.2, section 8, Annex В)."""

    name = "labelling"
    verbose_name = _("Labelling")

    def ready(self) -> None:
        # GOST 7.2: certification refuses a product name that evokes a haram product wherever it
        # is typed (the application, a request for an annex), without importing labelling.
        from certification.providers import register_product_name_rule

        from .rules import validate_product_name

        register_product_name_rule(validate_product_name)
