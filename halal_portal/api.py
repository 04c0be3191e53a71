"""Shared DRF pieces. The API's exception handler is halal_portal.errors.api_exception_handler
(the one error taxonomy)."""

from rest_framework.throttling import BaseThrottle


def client_address(request) -> str:
    """The client's address as the API's rate limits see it (settings.PROXY_COUNT trusted
    proxies in front): also what the login lockout keys on (AXES_CLIENT_IP_CALLABLE)."""
    return BaseThrottle().get_ident(request)
