"""The public registry in a real browser (Debian Chromium through Playwright): a visitor, not
logged in, opens the registry from the menu, types a certificate number the way people do and
lands on the certificate's page (the page its QR code points to)."""

import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import Page, expect

from certification.services import certificate_sign
from tests.certification.workflow import issue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("E2E_SHOTS")  # E2E_SHOTS=/tmp/shots keeps a screenshot of each step


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/registry-{name}.png", full_page=True)
        size = page.viewport_size
        page.set_viewport_size({"width": 390, "height": 844})  # and on a phone
        page.screenshot(path=f"{SHOTS}/registry-{name}-phone.png", full_page=True)
        page.set_viewport_size(size)


def test_visitor_types_xp_1_and_lands_on_the_certificate(
    page: Page, live_server, under_review, secretary, commission, head
):
    cache.clear()
    issue(under_review, secretary=secretary, members=commission)
    certificate_sign(certificate=under_review.certificate, by=head)  # Л.4.6: now it is public
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url)
    page.locator(f"header nav a[href='{reverse('registry:search')}']").click()
    shot(page, "search")
    page.fill("#id_q", "xp 1")
    page.press("#id_q", "Enter")

    expect(page).to_have_url(re.compile(r"/registry/.+/$"))
    assert unquote(page.url) == f"{live_server.url}/registry/ХП.00001/"
    expect(page.locator("h1")).to_contain_text("ХП.00001")
    expect(page.locator("h1 .badge")).to_have_text(re.compile("Действует|Valid"))
    shot(page, "certificate")
    # QR codes are scanned with phones: on a phone's width the page does not scroll sideways
    # (a wide table scrolls inside its card).
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert errors == []


def test_visitor_checks_a_pdf_on_the_certificate_page(
    page: Page, live_server, under_review, secretary, commission, head, tmp_path
):
    from tests.registry.conftest import ready_pdf

    cache.clear()
    issue(under_review, secretary=secretary, members=commission)
    certificate_sign(certificate=under_review.certificate, by=head)
    registered = b"%PDF-1.7\n% the registered certificate\n%%EOF\n"
    ready_pdf(under_review.certificate, registered)
    (tmp_path / "registered.pdf").write_bytes(registered)
    (tmp_path / "forged.pdf").write_bytes(registered.replace(b"registered", b"forged"))

    url = f"{live_server.url}/registry/ХП.00001/"
    page.goto(url)
    page.goto(url)  # the second view comes from the cache: its form must still post
    page.set_input_files("#verify-file", str(tmp_path / "registered.pdf"))
    page.locator(".verify-form button[type=submit]").click()
    expect(page.locator("#pdf .verdict-match")).to_be_visible()
    shot(page, "verify-match")

    page.set_input_files("#verify-file", str(tmp_path / "forged.pdf"))
    page.locator(".verify-form button[type=submit]").click()
    expect(page.locator("#pdf .message-error")).to_be_visible()
    expect(page.locator("#pdf .verdict-match")).to_have_count(0)
