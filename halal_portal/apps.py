from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HalalPortalConfig(AppConfig):
    name = "halal_portal"
    verbose_name = _("Halal Portal")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
