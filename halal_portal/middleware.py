"""Response headers that no single view should have to remember."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


class SecurityHeadersMiddleware:
    """Cross-Origin-Resource-Policy on every answer, and no caching of what a logged-in user is
    shown: bank details, tax ids and dossiers must not stay in a shared computer's or a proxy's
    cache. A view that decided its own caching (the public registry's anonymous answers) keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        return response


class StaffSessionMiddleware:
    """The people who decide (secretary, commission, auditors, head) get short sessions: one
    ends after STAFF_SESSION_IDLE_SECONDS without a request and, however busy, after
    STAFF_SESSION_MAX_SECONDS from the login. An applicant keeps Django's two weeks."""

    KEY = "staff_session_started"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_body_staff:
            now = int(time.time())
            started = request.session.setdefault(self.KEY, now)
            if now - started > settings.STAFF_SESSION_MAX_SECONDS:
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect_to_login(request.get_full_path())
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)
