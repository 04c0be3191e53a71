"""The public registry: search, the certificate page (the QR target), its PDFs and «check a
PDF», the CSV export and the feed. Open to everyone; every read goes through selectors.py,
which shows only what the certificate itself shows."""

import csv
import datetime
import math
from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.encoding import uri_to_iri
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from certification.models import CertificateEvent

from . import answers, files
from .api import PUBLIC, RegistryRateThrottle
from .cards import STATUS_LABELS, CertificateCard, annex_filename, registry_card
from .forms import RegistrySearchForm
from .queries import RegistryQuery, normalize_number, parse_query
from .selectors import (
    MATCH_LIMIT,
    registry_events,
    registry_export,
    registry_list,
    registry_matches,
    registry_page,
    registry_pdf,
    registry_record,
)

PAGE_SIZE = 25
MAX_PAGE = 2000  # deep pages cost an OFFSET scan; past 50,000 rows the visitor should narrow


def _shared(request: HttpRequest) -> bool:
    """Whether the answer is the same for every visitor of its language and address, so that
    it may be kept (answers.py) and shared by proxies. Not for a visitor with a session (a
    logged-in user: the menu shows who it is; users log in with sessions only) or with
    messages waiting to be shown."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cache_control(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Anonymous answers may be kept a minute by browsers and proxies; others are the
    visitor's own, asked for again each time."""
    if _shared(request):
        response["Cache-Control"] = PUBLIC
        patch_vary_headers(response, ("Cookie",))
    else:
        response["Cache-Control"] = "private, no-cache"
    return response


def _render(request: HttpRequest, template: str, context: dict, status: int = 200):
    """The registry's pages are Jinja2 templates (registry/templating.py says why)."""
    return render(request, template, context, status=status, using="jinja2")


def _canonical_or_404(number: str) -> str:
    canonical = normalize_number(number)
    if canonical is None:
        raise Http404(_("This is not a certificate number."))
    return canonical


def _card_or_404(number: str, today: datetime.date | None = None) -> CertificateCard:
    record = registry_record(number)
    if record is None:
        raise Http404(_("No such certificate in the registry."))
    return registry_card(record, today=today or timezone.localdate())


# --- Search ---------------------------------------------------------------------------------


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404(_("No such page."))
    return int(raw)


def _paths():
    """The public path of each certificate of a list, with one reverse() for the whole list:
    a certificate's page is the search's path, its number and a slash (urls.py)."""
    prefix = reverse("registry:search")
    return lambda number: f"{prefix}{quote(number)}/"


def _label(rows) -> list:
    path = _paths()
    for row in rows:
        row.public_status_label = STATUS_LABELS[row.public_status]
        row.public_path = path(row.number)
    return rows


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Search by number, manufacturer or product with filters. A number that is in the
    registry opens its page at once; a too short text gets a message, not a scan."""
    form = RegistrySearchForm(request.GET or None)
    query = RegistryQuery()
    rows, has_next, not_found, truncated = [], False, "", False
    page = _page_number(request)
    if form.is_bound and not form.is_valid():
        context = {"form": form, "query": query, "options": form.options()}
        return _cache_control(request, _render(request, "registry/search.html", context))
    if form.is_bound:
        query = parse_query(form.cleaned_data["q"])
    if query.number:
        if registry_list(query=query).exists():
            return redirect("registry:certificate", number=query.number)
        not_found = _("Certificate %(number)s is not in the registry.") % {"number": query.number}
    elif not query.error:
        filters = form.filters() if form.is_bound else {}
        matches = registry_matches(query.text) if query.text else None
        rows, has_next = registry_page(
            registry_list(query=query, matches=matches, **filters), page=page, size=PAGE_SIZE
        )
        truncated = bool(matches and matches.truncated)
    context = {
        "form": form,
        "query": query,
        "rows": _label(rows),
        "page": page,
        "has_next": has_next,
        "not_found": not_found,
        "truncated": truncated,
        "match_limit": MATCH_LIMIT,
        "export_query": request.GET.urlencode(),
        "page_query": partial(_page_query, request),
        "options": form.options(),
    }
    return _cache_control(request, _render(request, "registry/search.html", context))


def _page_query(request: HttpRequest, page: int) -> str:
    """The query string of the same search's page No. ``page``."""
    params = request.GET.copy()
    params["page"] = page
    return params.urlencode()


# --- The certificate page -------------------------------------------------------------------


def _context(card: CertificateCard, *, verdict=None, error: str = "") -> dict:
    return {
        "card": card,
        "public_iri": uri_to_iri(card.url),  # readable: ХП, not %D0%A5
        "verdict": verdict,
        "verify_error": error,
        "verify_max_mb": settings.REGISTRY_VERIFY_MAX_MB,
    }


def _page(request, card: CertificateCard, *, verdict=None, error="", status=200) -> HttpResponse:
    """The page rendered for this request alone."""
    context = _context(card, verdict=verdict, error=error)
    return _render(request, "registry/certificate.html", context, status=status)


def _kept_page(request: HttpRequest, number: str, today: datetime.date) -> tuple[str, bytes]:
    """(ETag, HTML) of the page as every anonymous visitor of this language gets it."""
    card = _card_or_404(number, today)
    html = render_to_string("registry/certificate.html", _context(card), request, using="jinja2")
    body = html.encode()
    return answers.etag_of(body), body


@require_safe
def certificate(request: HttpRequest, number: str) -> HttpResponse:
    """The page a certificate's QR code points to: one stable URL per number; any other
    spelling of the number is redirected to it. Anonymous visitors get the page kept for its
    language (answers.py: no query until the certificate changes or the day ends); the others
    get it rendered from the certificate's public record (one query)."""
    canonical = _canonical_or_404(number)
    if canonical != number:
        return redirect("registry:certificate", number=canonical, permanent=True)
    if not _shared(request) or request.GET:
        # The language switch returns to the full path: a query string gets its own rendering.
        return _cache_control(request, _page(request, _card_or_404(canonical)))
    key = answers.page_key(canonical, get_language())
    etag, body = answers.kept(key, partial(_kept_page, request, canonical))
    response = get_conditional_response(request, etag=etag) or HttpResponse(body)
    response["ETag"] = etag
    return _cache_control(request, response)


@require_safe
def certificate_pdf(request: HttpRequest, number: str, annex: int | None = None) -> HttpResponse:
    """The registered PDF of a certificate (or of its annex No. ``annex``), public by number and
    streamed from storage, named ХП.00001.pdf (RFC 5987 for the Cyrillic letters)."""
    canonical = _canonical_or_404(number)
    if canonical != number:
        kwargs = {"number": canonical} if annex is None else {"number": canonical, "annex": annex}
        name = "registry:certificate-pdf" if annex is None else "registry:annex-pdf"
        return redirect(name, permanent=True, **kwargs)
    document = registry_pdf(canonical, annex=annex)
    if document is None:
        raise Http404(_("This PDF is not available yet."))
    etag = f'"{document.sha256}"'
    if not_modified := get_conditional_response(request, etag=etag):
        return not_modified
    filename = f"{canonical}.pdf" if annex is None else annex_filename(canonical, annex)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response


# The page's «check a PDF» form carries no CSRF token, so that the page is the same for every
# anonymous visitor and can be kept and shared (answers.py, the proxy). The check changes
# nothing and stores nothing: a forged cross-site post of it could only learn what the API's
# verify action (anonymous, no token either) tells anyone. The upload is hashed before any
# field of the form is read (files.hash_upload).
@csrf_exempt
@require_POST
def certificate_verify(request: HttpRequest, number: str) -> HttpResponse:
    """«Check a PDF»: whether the uploaded file is the registered PDF of this certificate or of
    one of its annexes. The file is hashed as it arrives and never stored; the check counts
    against the registry's per-IP rate limit."""
    card = _card_or_404(_canonical_or_404(number))
    throttle = RegistryRateThrottle()
    if not throttle.allow_request(request, None):
        wait = max(1, math.ceil(throttle.wait()))
        message = ngettext(
            "Too many checks from your address: try again in %(seconds)s second.",
            "Too many checks from your address: try again in %(seconds)s seconds.",
            wait,
        ) % {"seconds": wait}
        response = _page(request, card, error=message, status=429)
        response["Retry-After"] = str(wait)
    else:
        try:
            upload = files.hash_upload(request)
        except files.VerifyError as error:
            response = _page(request, card, error=error.message, status=error.status)
        else:
            response = _page(request, card, verdict=files.registry_verify(card, upload))
    response["Cache-Control"] = "private, no-cache"
    return response


# --- Open data ------------------------------------------------------------------------------


class _Echo:
    """csv.writer writes into this and gets the line back, for streaming."""

    def write(self, value: str) -> str:
        return value


# Column names are the API's field names: the file is open data for programs as much as for
# people, and a stable, language-independent header is what programs rely on.
EXPORT_COLUMNS = [
    "number",
    "status",
    "status_since",
    "valid_from",
    "valid_to",
    "manufacturer_name",
    "manufacturer_address",
    "manufacturer_country",
    "product_type",
    "category",
    "products",
    "url",
]


def _cell(value) -> str:
    """Text that a spreadsheet would run as a formula is quoted (CSV injection)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _export_rows(certificates):
    path = _paths()
    writer = csv.writer(_Echo())
    yield "\ufeff"  # the BOM tells spreadsheet programs the file is UTF-8 (Cyrillic)
    yield writer.writerow(EXPORT_COLUMNS)
    for c in certificates:
        products = "; ".join(
            f"{p.name} ({p.normative_document.designation})" for p in c.public_products
        )
        yield writer.writerow(
            [
                _cell(v)
                for v in (
                    c.number,
                    c.public_status,
                    timezone.localtime(c.status_changed_at).isoformat(),
                    c.valid_from.isoformat(),
                    c.valid_to.isoformat(),
                    c.manufacturer_name,
                    c.manufacturer_address,
                    c.manufacturer_country,
                    c.product_type,
                    c.category.code if c.category else "",
                    products,
                    settings.SITE_URL + path(c.number),
                )
            ]
        )


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    """The whole registry (or the filtered part of it) as CSV, streamed row by row."""
    form = RegistrySearchForm(request.GET or None)
    query = RegistryQuery()
    filters = {}
    if form.is_bound:
        if not form.is_valid():
            return HttpResponse(
                _("Invalid filter."), status=400, content_type="text/plain; charset=utf-8"
            )
        query = parse_query(form.cleaned_data["q"])
        if query.error:
            return HttpResponse(query.error, status=400, content_type="text/plain; charset=utf-8")
        filters = form.filters()
    certificates = registry_export(registry_list(query=query, **filters))
    response = StreamingHttpResponse(
        _export_rows(certificates), content_type="text/csv; charset=utf-8"
    )
    name = f"halal-registry-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class RegistryFeed(Feed):
    """Atom feed of the registry's changes: issued, annexes, suspended, resumed, withdrawn,
    expired. Subscribers learn of a suspension without polling every certificate."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Halal certificate registry: changes")

    def subtitle(self) -> str:
        return _(
            "Certificates issued, extended by annexes, suspended, resumed, withdrawn, expired."
        )

    def link(self) -> str:
        return reverse("registry:search")

    def items(self):
        return registry_events(limit=50)

    def item_title(self, item: CertificateEvent) -> str:
        return _("%(number)s: %(event)s") % {
            "number": item.certificate.number,
            "event": item.get_kind_display(),
        }

    def item_description(self, item: CertificateEvent) -> str:
        text = _("Certificate %(number)s, %(manufacturer)s: %(event)s; status: %(status)s.") % {
            "number": item.certificate.number,
            "manufacturer": item.certificate.manufacturer_name,
            "event": item.get_kind_display(),
            "status": item.get_status_display(),
        }
        if item.meeting and item.meeting.protocol_number:
            text += " " + _("Basis: %(protocol)s.") % {"protocol": item.meeting.protocol_reference}
        return escape(text)  # Atom sends the summary as HTML; names are plain text

    def item_link(self, item: CertificateEvent) -> str:
        path = reverse("registry:certificate", kwargs={"number": item.certificate.number})
        return f"{path}#event-{item.pk}"

    def item_pubdate(self, item: CertificateEvent):
        return item.published  # see selectors.registry_events

    def item_updateddate(self, item: CertificateEvent):
        return item.published


feed = RegistryFeed()
