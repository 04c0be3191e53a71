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
