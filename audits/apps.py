from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    """Production check (GOST 8.13–8.16, Annexes Д, Е, Ж) and enterprise journals (7.1)."""

    name = "audits"
    verbose_name = _("Production checks")

    def ready(self) -> None:
        from certification import evidence

        from .evidence import production_evidence

        # GOST 8.15–8.18: the act, the samples and the nonconformities behind a decision.
        evidence.register(production_evidence)
