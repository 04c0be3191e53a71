"""Shared DRF pieces: one exception handler for the whole API."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed
from rest_framework import status
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Map domain errors to HTTP: a refused transition is a conflict (409), not a 500."""
    if isinstance(exc, TransitionNotAllowed):
        return Response(
            {"detail": _("This action is not allowed in the current state.")},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, ValidationError):
        return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied) and not exc.args:
        exc = PermissionDenied(_("You do not have permission to perform this action."))
    return drf_exception_handler(exc, context)


def client_address(request) -> str:
    """The client's address as the API's rate limits see it (settings.PROXY_COUNT trusted
    proxies in front): also what the login lockout keys on (AXES_CLIENT_IP_CALLABLE)."""
    return BaseThrottle().get_ident(request)
