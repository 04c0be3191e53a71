"""The public registry: search, the certificate page (the QR target), CSV export and the feed.

Open to everyone; every read goes through ``certification.registry``, which shows only what the
certificate itself shows.
"""

import csv
import math
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.encoding import uri_to_iri
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from .. import registry, registry_files, registry_html
from ..api_registry import RegistryRateThrottle
from ..models import CertificateEvent, CertificateStatus

PAGE_SIZE = 25
MAX_PAGE = 2000  # deep pages cost an OFFSET scan; past 50,000 rows the visitor should narrow


class RegistrySearchForm(forms.Form):
    """Validates the query string; templates/registry/search.html writes the fields out by hand
    (a select's options rendered one template each would cost more than the search)."""

    q = forms.CharField(
        label=gettext_lazy("Certificate number, manufacturer or product"),
        required=False,
        max_length=200,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *CertificateStatus.choices],
    )
    category = forms.ChoiceField(label=gettext_lazy("Product category"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = registry.registry_categories()
        self.countries = registry.registry_countries()
        self.fields["category"].choices = [("", ""), *((c.code, c.code) for c in self.categories)]
        self.fields["country"].choices = [("", ""), *((c, c) for c in self.countries)]

    def options(self) -> dict[str, list[tuple[str, str, bool]]]:
        """(value, label, selected) of each select, worked out here rather than in a template
        loop that would look the request's value up once per option."""
        data = self.data if self.is_bound else {}

        def marked(name, pairs):
            chosen = data.get(name, "")
            return [(value, label, value == chosen) for value, label in pairs]

        return {
            "status": marked("status", CertificateStatus.choices),
            "category": marked("category", ((c.code, str(c)) for c in self.categories)),
            "country": marked("country", ((c, c) for c in self.countries)),
        }

    def filters(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) or "" for name in ("status", "category", "country")}


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404(_("No such page."))
    return int(raw)


def _label(rows) -> list:
    prefix = reverse("registry:search")  # once, not a reverse() per row
    for row in rows:
        row.public_status_label = registry.STATUS_LABELS[row.public_status]
        row.public_path = f"{prefix}{quote(row.number)}/"
    return rows


def search(request: HttpRequest) -> HttpResponse:
    """Search by number, manufacturer or product with filters. A number that is in the
    registry opens its page at once; a too short text gets a message, not a scan."""
    form = RegistrySearchForm(request.GET or None)
    query = registry.RegistryQuery()
    rows, has_next, not_found, truncated = [], False, "", False
    page = _page_number(request)
    if form.is_bound and not form.is_valid():
        context = {"form": form, "query": query, "options": form.options()}
        return render(request, "registry/search.html", context)
    if form.is_bound:
        query = registry.parse_query(form.cleaned_data["q"])
    if query.number:
        if registry.registry_list(query=query).exists():
            return redirect("registry:certificate", number=query.number)
        not_found = _("Certificate %(number)s is not in the registry.") % {"number": query.number}
    elif not query.error:
        filters = form.filters() if form.is_bound else {}
        matches = registry.registry_matches(query.text) if query.text else None
        rows, has_next = registry.registry_page(
            registry.registry_list(query=query, matches=matches, **filters),
            page=page,
            size=PAGE_SIZE,
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
        "match_limit": registry.MATCH_LIMIT,
        "export_query": request.GET.urlencode(),
        "options": form.options(),
    }
    return render(request, "registry/search.html", context)


# The page frame (base.html: head, menu, language switch, footer) is the same for every
# anonymous visitor of a language; it is rendered once per process and language with these in
# place of the visitor's CSRF token, the path the language switch returns to, the title and the
# content. The content is rendered per request from the certificate's public record.
_CSRF_PLACEHOLDER = b"csrf-token-of-the-request-d9b64a1f"
_NEXT_PLACEHOLDER = b"next-path-of-the-request-d9b64a1f"
_TITLE_PLACEHOLDER = b"title-of-the-page-d9b64a1f"
_CONTENT_PLACEHOLDER = "content-of-the-page-d9b64a1f"
_frames: dict[str, tuple[bytes, bytes]] = {}


def _cacheable(request: HttpRequest) -> bool:
    """Whether the page can be put in the shared frame: the same HTML for every visitor of its
    language. Not for a visitor with a session (a logged-in user: the menu shows who it is;
    users log in with sessions only) or messages waiting, nor for the page with a query string
    (the language switch returns to the full path)."""
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def _frame(request: HttpRequest) -> tuple[bytes, bytes]:
    """The page around the content for this language: (before, after). Rendered on the first
    request of the language in this process; code, templates and translations change only with
    a new deployment, which starts new processes."""
    language = get_language()
    if language not in _frames:
        html = render_to_string(
            "registry/_frame.html",
            {
                "title_slot": _TITLE_PLACEHOLDER.decode(),
                "content_slot": _CONTENT_PLACEHOLDER,
                "csrf_token": _CSRF_PLACEHOLDER.decode(),
                "next_path": _NEXT_PLACEHOLDER.decode(),
            },
            request=request,
        )
        before, after = html.encode().split(_CONTENT_PLACEHOLDER.encode())
        _frames[language] = (before, after)
    return _frames[language]


def _context(
    request: HttpRequest, card: registry.CertificateCard, *, csrf_token: str, verdict=None, error=""
) -> dict:
    number = card.certificate.number
    url = registry.public_url(number)
    content = registry_html.certificate_content(
        card,
        public_url=url,
        public_iri=uri_to_iri(url),  # readable: ХП, not %D0%A5
        csrf_token=csrf_token,
        verify_max_mb=settings.REGISTRY_VERIFY_MAX_MB,
        verdict=verdict,
        verify_error=error,
    )
    return {
        "card": card,
        "certificate": card.certificate,
        "content": mark_safe(content),  # noqa: S308  (every value escaped by registry_html)
        "verdict": verdict,
        "verify_error": error,
    }


def _page(
    request: HttpRequest,
    card: registry.CertificateCard,
    *,
    verdict=None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The whole page rendered for this request (a logged-in user, a POST, a query string)."""
    context = _context(request, card, csrf_token=get_token(request), verdict=verdict, error=error)
    return render(request, "registry/certificate.html", context, status=status)


def _framed_page(request: HttpRequest, card: registry.CertificateCard) -> HttpResponse:
    """The content alone inside the language's frame (no context processors, no base
    template)."""
    before, after = _frame(request)
    content = _context(request, card, csrf_token=_CSRF_PLACEHOLDER.decode())["content"].encode()
    title = escape(_("Certificate %(number)s") % {"number": card.certificate.number})
    before = before.replace(_TITLE_PLACEHOLDER, title.encode()).replace(
        _NEXT_PLACEHOLDER, escape(request.get_full_path()).encode()
    )
    token = get_token(request).encode()
    return HttpResponse(b"".join((before, content, after)).replace(_CSRF_PLACEHOLDER, token))


def certificate(request: HttpRequest, number: str) -> HttpResponse:
    """The page a certificate's QR code points to: one stable URL per number; any other
    spelling of the number is redirected to it.

    One query reads the certificate's public record (always current: a changed status, annex or
    PDF shows at once); the page is rendered from it, the date applied."""
    canonical = registry.normalize_number(number)
    if canonical is None:
        raise Http404(_("This is not a certificate number."))
    if canonical != number:
        return redirect("registry:certificate", number=canonical, permanent=True)
    record = registry.registry_record(canonical)
    if record is None:
        raise Http404(_("No such certificate in the registry."))
    card = registry.registry_card(record)
    if not _cacheable(request):
        return _no_cache(_page(request, card))
    return _no_cache(_framed_page(request, card))


def _no_cache(response: HttpResponse) -> HttpResponse:
    # Browsers ask again each time: the status is never shown from a stale copy.
    response["Cache-Control"] = "private, no-cache"
    return response


def _canonical_or_404(number: str) -> str:
    canonical = registry.normalize_number(number)
    if canonical is None:
        raise Http404(_("This is not a certificate number."))
    return canonical


@require_safe
def certificate_pdf(request: HttpRequest, number: str, annex: int | None = None) -> HttpResponse:
    """The registered PDF of a certificate (or of its annex No. ``annex``), public by number and
    streamed from storage, named ХП.00001.pdf (RFC 5987 for the Cyrillic letters)."""
    canonical = _canonical_or_404(number)
    if canonical != number:
        kwargs = {"number": canonical} if annex is None else {"number": canonical, "annex": annex}
        name = "registry:certificate-pdf" if annex is None else "registry:annex-pdf"
        return redirect(name, permanent=True, **kwargs)
    document = registry_files.registry_pdf(canonical, annex=annex)
    if document is None:
        raise Http404(_("This PDF is not available yet."))
    etag = f'"{document.sha256}"'
    if not_modified := get_conditional_response(request, etag=etag):
        return not_modified
    filename = f"{canonical}.pdf" if annex is None else registry.annex_filename(canonical, annex)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response


@csrf_exempt  # checked below, after the upload is hashed (see registry_files.hash_upload)
@require_POST
def certificate_verify(request: HttpRequest, number: str) -> HttpResponse:
    """«Check a PDF»: whether the uploaded file is the registered PDF of this certificate or of
    one of its annexes. The file is hashed as it arrives and never stored; the check counts
    against the registry's per-IP rate limit."""
    canonical = _canonical_or_404(number)
    record = registry.registry_record(canonical)
    if record is None:
        raise Http404(_("No such certificate in the registry."))
    throttle = RegistryRateThrottle()
    if not throttle.allow_request(request, None):
        wait = max(1, math.ceil(throttle.wait()))
        message = ngettext(
            "Too many checks from your address: try again in %(seconds)s second.",
            "Too many checks from your address: try again in %(seconds)s seconds.",
            wait,
        ) % {"seconds": wait}
        response = _page(request, registry.registry_card(record), error=message, status=429)
        response["Retry-After"] = str(wait)
        return _no_cache(response)
    try:
        upload = registry_files.hash_upload(request)
    except registry_files.VerifyError as error:
        # Refused before the form's fields are read (the CSRF token among them, when the body is
        # too large): nothing is done with the request but saying why.
        response = _page(
            request, registry.registry_card(record), error=error.message, status=error.status
        )
        return _no_cache(response)
    return _verified(request, record=record, upload=upload)


@csrf_protect
def _verified(request, *, record, upload) -> HttpResponse:
    card = registry.registry_card(record)
    verdict = registry_files.registry_verify(card, upload)
    return _no_cache(_page(request, card, verdict=verdict))


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
                    registry.public_url(c.number),
                )
            ]
        )


def export_csv(request: HttpRequest) -> HttpResponse:
    """The whole registry (or the filtered part of it) as CSV, streamed row by row."""
    form = RegistrySearchForm(request.GET or None)
    query = registry.RegistryQuery()
    filters = {}
    if form.is_bound:
        if not form.is_valid():
            return HttpResponse(
                _("Invalid filter."), status=400, content_type="text/plain; charset=utf-8"
            )
        query = registry.parse_query(form.cleaned_data["q"])
        if query.error:
            return HttpResponse(query.error, status=400, content_type="text/plain; charset=utf-8")
        filters = form.filters()
    certificates = registry.registry_export(registry.registry_list(query=query, **filters))
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
        return registry.registry_events(limit=50)

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
        return f"{registry.public_path(item.certificate.number)}#event-{item.pk}"

    def item_pubdate(self, item: CertificateEvent):
        return item.published  # see registry.registry_events

    def item_updateddate(self, item: CertificateEvent):
        return item.published


feed = RegistryFeed()
