from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabellingConfig(AppConfig):
    """Labelling rules, the ingredient knowledge base and label review (GOST 3–7.2, section 8)."""

    name = "labelling"
    verbose_name = _("Labelling")

    def ready(self) -> None:
        # certification shows and asks what labelling knows without importing it.
        from certification import extensions

        from . import composition, panels

        extensions.register(extensions.application_panels, panels.application_panel)
        extensions.register(extensions.submission_checks, composition.submission_missing)
        extensions.register(extensions.issue_checks, composition.issue_refusals)
        extensions.register(extensions.conclusion_sections, composition.conclusion_lines)
