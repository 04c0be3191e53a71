"""halal_portal/pdf.py: shipped fonts, static files only, data printed as text."""

import pytest
from django.template.loader import render_to_string

from halal_portal import pdf
from halal_portal.models import RenderedDocument
from halal_portal.rendering import render_bytes

from .helpers import pdf_fonts, pdf_text

INJECTION = '<img src="file:///etc/passwd">'


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asks the fetcher for."""
    urls = []
    original = pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticOnlyFetcher, "fetch", spy)
    return urls


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/static/css/annex.css",
        "https://example.com/font.ttf",
        "data:text/css,body{}",
        pdf.BASE_URL + "../halal_portal/settings.py",
        pdf.BASE_URL + "css/missing.css",
    ],
)
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(pdf.FetchRefused):
        pdf.StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_the_shipped_font():
    response = pdf.StaticOnlyFetcher().fetch(pdf.BASE_URL + "fonts/DejaVuSans.ttf")
    assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType font


def test_markup_in_a_raw_document_fetches_nothing(fetched):
    output = pdf.html_to_pdf(
        f"<p>До</p>{INJECTION}<link rel=stylesheet href='http://127.0.0.1:1/x.css'>"
    )
    assert "file:///etc/passwd" in fetched  # asked for, and refused
    assert b"/Subtype /Image" not in output and b"root:" not in output


@pytest.mark.django_db
def test_markup_in_a_company_name_prints_as_text_and_fetches_nothing(filed, fetched):
    document = RenderedDocument.objects.get(kind="application", object_id=filed.pk)
    document.snapshot["org_name"] = f"ООО «Ромашка» {INJECTION}"
    text = pdf_text(render_bytes("application", document.snapshot))
    assert f"ООО «Ромашка» {INJECTION}" in text
    assert not [url for url in fetched if "passwd" in url]


@pytest.mark.django_db
def test_pdf_embeds_the_shipped_dejavu_fonts(certified, fetched):
    document = RenderedDocument.objects.get(kind="certificate", object_id=certified.pk)
    fonts = pdf_fonts(render_bytes("certificate", document.snapshot))
    assert "DejaVu-Serif" in fonts and "DejaVu-Sans-Bold" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # emb
    assert pdf.BASE_URL + "fonts/DejaVuSerif.ttf" in fetched  # ours, not the system's


def test_render_pdf_writes_a_pdf_in_russian_whatever_the_active_language():
    from django.utils import translation

    html = render_to_string("annexes/base.html", {"body": {"name": "Орган"}})
    with translation.override("en"):
        output = pdf.render_pdf("annexes/base.html", {"body": {"name": "Орган"}})
    assert output.startswith(b"%PDF") and 'lang="ru"' in html
