"""System checks of the deployment that Django's own do not know about."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

LOCAL_NAMES = ("localhost", "localhost.localdomain")
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".test", ".example", ".invalid")


def _is_local(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES) or "." not in host:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def site_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the portal's public address, or None."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        return "it does not use https"
    if not parts.hostname or _is_local(parts.hostname):
        return "it is a local or private address"
    return None


@register()
def check_site_url(app_configs, **kwargs):
    """Every PDF's QR code and every e-mail link carries SITE_URL as it was when they were
    issued (a certificate's QR code for good): in production it must be the public https
    address, or the portal does not start (``migrate`` and ``check`` fail)."""
    if not settings.PRODUCTION:
        return []
    problem = site_url_problem(settings.SITE_URL)
    if problem is None:
        return []
    return [
        Error(
            f"SITE_URL={settings.SITE_URL!r} cannot be the portal's public address: {problem}.",
            hint="Set SITE_URL to the public https address the QR codes and e-mails must "
            "open, e.g. https://halal.example.org.",
            id="halal_portal.E001",
        )
    ]
