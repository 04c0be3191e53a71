from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    """Production check (GOST 8.13–8.16, Annexes Д, Е, Ж), corrective actions and the
    enterprise's sanitation journal (7.1)."""

    name = "audits"
    verbose_name = _("Production checks")

    def ready(self) -> None:
        # What certification shows or decides with audits' knowledge, without importing audits
        # (certification/providers.py).
        from certification import providers

        from . import panels, selectors
        from .services import nonconformities_record

        providers.register_application_readers(selectors.applications_checked_by)
        providers.register_recusal(selectors.check_participants)
        providers.register_decision_hook(nonconformities_record)
        providers.register_letter_nonconformities(selectors.letter_nonconformities)
        providers.register_application_panel(
            providers.ApplicationPanel("audits/_corrective_panel.html", panels.corrective_panel)
        )
        providers.register_application_panel(
            providers.ApplicationPanel("audits/_application_panel.html", panels.check_panel)
        )
