from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    """Applications, dossier, commission decisions and certificates (GOST section 8)."""

    name = "certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        from . import evidence, signals  # noqa: F401  (registers the receivers)

        # GOST 8.19: the invoice of the stage, as certification knows it.
        evidence.register(evidence.payment_evidence)
