from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabellingConfig(AppConfig):
    """Labelling rules, the ingredient knowledge base and label review (GOST 3–7.2, section 8)."""

    name = "labelling"
    verbose_name = _("Labelling")

    def ready(self) -> None:
        # certification asks and shows what labelling knows without importing it: the GOST 7.2
        # name rule wherever a product name is typed, the composition's checks (submission
        # 8.7–8.9, the issue question 8.17, the conclusion 8.11) and its card on the page.
        from certification import providers

        from . import composition, panels
        from .rules import validate_product_name

        providers.register_product_name_rule(validate_product_name)
        providers.register_application_panel(
            providers.ApplicationPanel(
                template=panels.TEMPLATE, context=panels.application_panel_context
            )
        )
        providers.register_submission_check(composition.submission_missing)
        providers.register_issue_check(composition.issue_refusals)
        providers.register_conclusion_section(composition.conclusion_lines)
