from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, roles, applicant organizations and the authorized organization's own details."""

    name = "accounts"
    verbose_name = _("Accounts and organizations")
