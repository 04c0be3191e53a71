from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaughterConfig(AppConfig):
    """Slaughter rules and journals (GOST 7.6)."""

    name = "slaughter"
    verbose_name = _("Slaughter")

    def ready(self) -> None:
        # audits shows the slaughter journal without importing slaughter: a link on the
        # application page, and section 9 of the production-check act (Annex Ж).
        from audits.journals import Journal, register_journal

        from .selectors import journal_linked, slaughter_between

        register_journal(
            Journal(
                label=_("Slaughter journal"),
                url_name="slaughter:journal",
                linked=journal_linked,
                act_section=9,
                act_template="slaughter/_act_section.html",
                act_summary=slaughter_between,
            )
        )

        # The register of halal controllers lives here, with the slaughterhouses (7.6.2–7.6.4);
        # audits asks for it through its providers and never imports this app.
        from audits import providers

        from . import documents, rules

        providers.register_journal_signer_check(rules.controller_refusals)
        providers.register_act_section_panel(
            documents.PERSONNEL_SECTION, documents.act_personnel_panel
        )
        providers.register_act_section_panel(
            documents.SLAUGHTER_SECTION, documents.act_compliance_panel
        )
        providers.register_application_panel(documents.application_deviations_panel)
