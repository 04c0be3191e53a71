from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabellingConfig(AppConfig):
    """Labelling rules and the halal sign (GOST 7.2, section 8, Annex В)."""

    name = "labelling"
    verbose_name = _("Labelling")
