"""Response headers that no single view should have to remember."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
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


def _database_answers() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except (OperationalError, InterfaceError):
        # Dropped, so that the next request connects afresh once the database is back.
        connection.close_if_unusable_or_obsolete()
        return False
    return True


class DatabaseUnavailableMiddleware:
    """Outermost: a server error while the database does not answer becomes the portal's own
    «briefly unavailable» page (503, Retry-After), never a traceback. Requests connect again by
    themselves once the database is back (CONN_HEALTH_CHECKS), no restart needed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and not _database_answers():
            # No context processors: they would ask the database again.
            html = render_to_string("503.html")
            response = HttpResponse(html, status=503)
            response["Retry-After"] = "120"
        return response
