"""The per-address limit of public reports, shared by all workers through the cache."""

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    # halal_portal.api.client_address, when the core gains it, is the one place that reads
    # proxy headers; until then the direct peer's address (no header a client could forge).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def report_allowed(address: str) -> bool:
    """Count one report from ``address``; False once REPORTS_PER_HOUR are used this hour."""
    key = f"feedback:reports:{address}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= settings.REPORTS_PER_HOUR
