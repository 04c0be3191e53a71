"""Refusals on pages: a state conflict that no view turned into a message of its own page
becomes a 409 page saying why (halal_portal/errors.py), never a 500."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_fsm import TransitionNotAllowed

from .errors import refusal_text


class RefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, TransitionNotAllowed):
            return None
        # The object whose state refused: the page links back to it (the user came from it).
        back = getattr(exception, "object", None)
        context = {
            "message": refusal_text(exception),
            "back": back if hasattr(back, "get_absolute_url") else None,
        }
        return render(request, "refused.html", context, status=409)
