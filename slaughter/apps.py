from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaughterConfig(AppConfig):
    """Slaughter rules and journals (GOST 7.6)."""

    name = "slaughter"
    verbose_name = _("Slaughter")
