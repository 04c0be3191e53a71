"""One error taxonomy for every app: how a service refuses, and what each refusal becomes.

A service refuses with exactly one of three kinds of error; views and the API tell them apart by
their type alone (never by an error code):

- ``StateConflict`` — the object's state refuses the request: a transition that the state or its
  conditions do not allow, an act that is no longer a draft, a meeting already closed. 409 in the
  API; on a page, its message above the page the user came from (409).
- ``PermissionDenied`` (Django's) — the user may not do this. 403.
- ``ValidationError`` (Django's) — the input is wrong; raised with a dict, it names the fields.
  400 in the API with the fields; on a page, beside the fields of the form.

django-fsm's own ``TransitionNotAllowed`` is a state conflict too: ``StateConflict`` extends it,
so whoever catches one catches the other.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import TransitionNotAllowed
from rest_framework import status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

NOT_NOW = gettext_lazy("This action is not allowed in the current state.")


class StateConflict(TransitionNotAllowed):
    """The state of the object refuses the request; ``messages`` say why. Lazy messages stay
    lazy until shown, so they read in the language of whoever reads them."""

    def __init__(self, message: Any = None, *, object: Any = None, method: Any = None) -> None:
        if message is None:
            messages = [NOT_NOW]
        elif isinstance(message, str | Promise):
            messages = [message]
        else:
            messages = list(message) or [NOT_NOW]
        self._messages = messages
        super().__init__(" ".join(map(str, messages)), object=object, method=method)

    @property
    def messages(self) -> list[str]:
        return [str(m) for m in self._messages]

    @property
    def message(self) -> str:
        return " ".join(self.messages)


# What a page catches to show a refusal as a message: a state conflict or bad input.
REFUSALS = (TransitionNotAllowed, ValidationError)


def conflict_messages(error: TransitionNotAllowed) -> list[str]:
    """Why a transition was refused; django-fsm's own message is for developers, not users."""
    return error.messages if isinstance(error, StateConflict) else [str(NOT_NOW)]


def refusal_text(error: Exception) -> str:
    """The message a page shows for a refusal of any kind."""
    if isinstance(error, TransitionNotAllowed):
        return " ".join(conflict_messages(error))
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) if error.args else _("You do not have permission to perform this action.")


def refusal_status(error: Exception) -> int:
    """The HTTP status of a refusal, by its kind."""
    if isinstance(error, TransitionNotAllowed):
        return status.HTTP_409_CONFLICT
    if isinstance(error, PermissionDenied):
        return status.HTTP_403_FORBIDDEN
    return status.HTTP_400_BAD_REQUEST


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's EXCEPTION_HANDLER: the three kinds of refusal as 409, 403 and 400, translated."""
    if isinstance(exc, TransitionNotAllowed):
        messages = conflict_messages(exc)
        body: dict[str, Any] = {"detail": " ".join(messages)}
        if len(messages) > 1:
            body["reasons"] = messages
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            fields = {
                (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): errors
                for name, errors in exc.message_dict.items()
            }
            return Response(fields, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied) and not exc.args:
        exc = PermissionDenied(_("You do not have permission to perform this action."))
    return drf_exception_handler(exc, context)
