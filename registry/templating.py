"""The Jinja2 environment of the registry's public pages (settings.TEMPLATES, Django's Jinja2
backend; templates in registry/jinja2/).

Why Jinja2 there: the certificate page is rendered for every certificate asked for the first
time (a QR code scanned) and the search page for every search. Django's template language spent
2.4 ms of CPU on the certificate page, three times the whole request of a bare Django view with
one query (0.8 ms); Jinja2 renders the same page in 1.5 ms (one process, the same certificate;
most of what remains is gettext, reverse() and date formatting), which brings the page's cold
answer within bench/registry.py's target. The rest of the portal stays on Django's templates.

What the templates get, besides Django's context processors (settings.TEMPLATES): ``_`` and
``ngettext`` (Django's catalogs: the msgids are the ones Django's templates use, and
makemessages finds ``_("...")`` here too), ``url()``, ``static()``, ``languages()`` and the
filters ``date`` (in the current time zone, Django's formats), ``filesizeformat``, ``capfirst``.
"""

from django.conf import settings
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from jinja2 import Environment


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def languages() -> list[tuple[str, str]]:
    """(code, name in that language) of each language of the portal, for the language switch."""
    return [
        (code, capfirst(translation.get_language_info(code)["name_local"]))
        for code, _name in settings.LANGUAGES
    ]


def date(value, format_string: str) -> str:
    """Django's ``date`` filter, with the value in the current time zone first (as Django's
    templates do for it)."""
    return defaultfilters.date(timezone.template_localtime(value), format_string)


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=False)
    env.globals.update(url=url, static=static, languages=languages)
    env.filters.update(date=date, filesizeformat=defaultfilters.filesizeformat, capfirst=capfirst)
    return env
