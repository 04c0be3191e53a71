"""The registry's Jinja2 pages sit in registry/jinja2/registry/layout.html, templates/base.html
written for Jinja2 (registry/templating.py says why): both give the same page around the
content, for a visitor and for a logged-in user of each kind, in each language."""

import html
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from tests.factories import UserFactory


def normalized(page: str) -> str:
    """The page with entities decoded and whitespace between and inside tags collapsed."""
    text = html.unescape(page)
    text = re.sub(r">\s+<", "><", text)
    return re.sub(r"\s+", " ", text).strip()


def both(user, language: str) -> tuple[str, str]:
    request = RequestFactory().get("/registry/?q=халва")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        django = render_to_string("base.html", {}, request=request)
        jinja = render_to_string("registry/layout.html", {}, request=request, using="jinja2")
    return normalized(django), normalized(jinja)


def without_csrf(page: str) -> str:
    return re.sub(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]+">', "", page)


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(
    "roles",
    [
        None,
        {},
        {"role_secretary": True, "is_staff": True},
        {"role_commission": True},
        {"role_auditor": True},
        {"role_head": True},
    ],
)
def test_the_layout_is_base_html(roles, language):
    user = AnonymousUser() if roles is None else UserFactory(**roles)
    django, jinja = both(user, language)
    assert without_csrf(jinja) == without_csrf(django)
