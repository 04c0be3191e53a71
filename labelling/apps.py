from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabellingConfig(AppConfig):
    """Labelling rules, the ingredient knowledge base and label review (GOST 3–7.2, section 8)."""

    name = "labelling"
    verbose_name = _("Labelling")

    def ready(self) -> None:
        # certification shows and asks what labelling knows without importing it.
        from certification import extensions

        from . import panels

        extensions.register(extensions.application_panels, panels.application_panel)
