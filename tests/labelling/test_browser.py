"""In a real browser (Debian Chromium through Playwright): an applicant pastes a label with
gelatin of unstated origin, sees the finding marked with its clause, saves the review to the
product, declares the composition and attaches the supplier's certificate; a member of the
commission accepts the gelatin (GOST 7.2, 6, 8.8, 8.11). Submission and registration are done
through the services; what the users do on the pages is done in the browser."""

import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import Page, expect

from certification import services
from labelling.models import CompositionItem, LabelReview, Resolution
from tests.e2e.test_commission_flow import log_in
from tests.files import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# E2E_SHOTS=/tmp/shots keeps a full-page screenshot of each step, to look at the pages.
SHOTS = os.environ.get("E2E_SHOTS")


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/labelling-{name}.png", full_page=True)


def test_gelatin_of_unstated_origin_from_the_label_to_the_commission(
    live_server, page: Page, complete_draft, applicant, secretary, commission, tmp_path
):
    cache.clear()  # the knowledge base was loaded afresh for this transactional test
    product = complete_draft.products.get()
    base = live_server.url
    log_in(page, base, applicant)

    page.goto(f"{base}{reverse('labelling:review')}")
    page.fill("#id_name", product.name)
    page.fill("#id_ingredients", "Состав: сахар, патока, желатин, лимонная кислота")
    page.locator("button[name=review]").click()
    mark = page.locator("mark", has_text="желатин")
    expect(mark).to_contain_text("ГОСТ 7.2")
    expect(page.locator("#finding-1")).to_contain_text("вид животного")
    shot(page, "review")

    page.select_option("#id_product", str(product.pk))
    page.locator("button[name=save]").click()
    saved = LabelReview.objects.get()
    expect(page).to_have_url(f"{base}{saved.get_absolute_url()}")
    expect(page.locator("mark", has_text="желатин")).to_contain_text("ГОСТ 7.2")

    page.goto(f"{base}{complete_draft.get_absolute_url()}")
    page.locator("#labels-heading ~ p a", has_text=re.compile("Состав продукции")).click()
    page.fill(f"#id_product-{product.pk}-text", "сахар, патока, желатин говяжий, лимонная кислота")
    page.get_by_role("button", name="Сохранить состав").click()
    gelatin = CompositionItem.objects.get(product=product, text="желатин говяжий")
    row = page.locator("tr", has_text="желатин говяжий")
    row.locator("summary").click()
    prefix = f"#id_item-{gelatin.pk}"
    page.fill(f"{prefix}-supplier", "ООО «Халяль Желатин»")
    page.select_option(f"{prefix}-species", "cattle")
    page.select_option(f"{prefix}-halal_slaughter", "true")
    certificate = tmp_path / "сертификат поставщика.pdf"
    certificate.write_bytes(pdf_bytes())
    page.set_input_files(f"{prefix}-document", str(certificate))
    row.get_by_role("button", name="Сохранить подтверждение").click()
    expect(page.locator("tr", has_text="желатин говяжий")).to_contain_text(
        "сертификат поставщика.pdf"
    )

    services.application_submit(application=complete_draft, by=applicant)
    services.application_register(application=complete_draft, by=secretary, members=commission)
    page.locator("header form[action$='/logout/'] button[type=submit]").click()
    log_in(page, base, commission[0])
    page.goto(f"{base}{reverse('labelling:composition', args=[complete_draft.pk])}")
    row = page.locator("tr", has_text="желатин говяжий")
    expect(row.get_by_role("link", name="сертификат поставщика.pdf")).to_be_visible()
    row.get_by_label("принять").check()
    row.locator("textarea").fill("Сертификат «Халяль» поставщика, говяжий желатин")
    row.get_by_role("button", name="Записать решение").click()
    expect(page.locator("tr", has_text="желатин говяжий")).to_contain_text("принят")
    shot(page, "composition")
    gelatin.refresh_from_db()
    assert (gelatin.resolution, gelatin.resolved_by) == (Resolution.ACCEPTED, commission[0])
