from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaughterConfig(AppConfig):
    """Slaughter rules and journals (GOST 7.6)."""

    name = "slaughter"
    verbose_name = _("Slaughter")

    def ready(self) -> None:
        from certification import evidence

        from .evidence import slaughter_evidence

        # GOST 7.6: deviations of the slaughter journal since the check started, shown to the
        # commission before it decides.
        evidence.register(slaughter_evidence)
