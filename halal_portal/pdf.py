"""The only module that imports WeasyPrint: a template and its context in, PDF bytes out.

Resources are fetched by ``StaticOnlyFetcher``: files under the project's ``static/`` folder
(fonts, CSS, images) and nothing else — no other file of the machine, no network. The fonts
(DejaVu, with Cyrillic) are shipped in ``static/fonts`` and declared in ``static/css/annex.css``,
so a PDF looks the same on every machine whatever fonts it has installed.

Every PDF is PDF/A-3b (ISO 19005-3, level B: the archive's format for documents kept for years),
tagged for accessibility, with its title, author (the authorized organization), subject, creation
date and language in the Info dictionary and the XMP metadata, taken from the template's
``<title>``, ``<meta name="author|description|dcterms.created">`` and ``<html lang>``. The bytes
depend only on the HTML: the same snapshot renders to the same file (WeasyPrint writes no clock
time, and its file identifier is a hash of the content).
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint import __version__ as WEASYPRINT_VERSION
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

STATIC_DIR = Path(settings.BASE_DIR, "static").resolve()
BASE_URL = STATIC_DIR.as_uri() + "/"


class FetchRefused(ValueError):
    """A document asked for something outside the project's static files."""


def static_path(url: str) -> Path:
    """The static file ``url`` points to; FetchRefused for anything else."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise FetchRefused(f"Only the portal's static files are fetched, not {url!r}")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(STATIC_DIR) or not path.is_file():
        raise FetchRefused(f"Only the portal's static files are fetched, not {url!r}")
    return path


class StaticOnlyFetcher(URLFetcher):
    """Serves files under ``static/``; refuses every other URL (other files, http, data…)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        try:
            path = static_path(url)
        except FetchRefused:
            logger.warning("PDF rendering: refused to fetch %s", url[:200])
            raise
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime_type}
        )


# PDF/A-3 rather than 2: the archive format that may later carry the data file of a document
# (an XML of the certificate) as an attachment without leaving PDF/A. Level B (visual appearance)
# is what WeasyPrint guarantees; the structure tags are added too (``pdf_tags``).
PDF_VARIANT = "pdf/a-3b"


def html_to_pdf(html: str) -> bytes:
    """Lay out ``html`` (already rendered) as PDF/A-3b; relative URLs resolve inside ``static/``."""
    fetcher = StaticOnlyFetcher()
    font_config = FontConfiguration()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        font_config=font_config, pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    metadata = document.metadata
    # A title assembled from template pieces may hold line breaks and runs of spaces: a viewer's
    # title bar and the archive's index show one line.
    if metadata.title:
        metadata.title = " ".join(metadata.title.split())
    if metadata.description:
        metadata.description = " ".join(metadata.description.split())
    # An empty <meta> gives an empty entry; PDF/A readers would show an empty author or keyword.
    metadata.authors = [a for a in metadata.authors if a.strip()]
    metadata.keywords = [k for k in metadata.keywords if k]
    # The Creator / CreatorTool: a signature makes pyHanko the PDF's producer (signing.py).
    metadata.generator = f"WeasyPrint {WEASYPRINT_VERSION}"
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a form's template with its context and return the PDF.

    Documents are issued in the site's language whatever the language of the request or worker.
    Django's autoescaping stays on: a value like ``<img src="file:///etc/passwd">`` in a company
    name prints as text and fetches nothing.
    """
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template_name, context)
    return html_to_pdf(html)
