from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    """Production check (GOST 8.13–8.16, Annexes Д, Е, Ж) and enterprise journals (7.1)."""

    name = "audits"
    verbose_name = _("Production checks")
