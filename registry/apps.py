from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """The public registry of certificates (GOST 8.17, Annex К): search, the certificate page
    (the QR target), its PDFs and «check a PDF», CSV, Atom and the API. It reads certification;
    nothing reads it."""

    name = "registry"
    verbose_name = _("Public registry")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (subscribes to certification's signals)
