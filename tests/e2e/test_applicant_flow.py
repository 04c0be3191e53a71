"""The applicant's whole path in a real browser (Debian Chromium through Playwright).

The UI is in Russian; the Russian catalogue may not be compiled yet, so elements are found by
form field names, ids, URLs and roles, and the few visible texts checked accept either language.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, MembershipFactory
from tests.files import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "i.khasanov@example.com"
STRONG_PASSWORD = "Kazan-Halal-2026!shelf"
APPLICATION_URL = re.compile(r"/applications/(\d+)/$")


def step_url(step: str) -> re.Pattern:
    return re.compile(rf"/applications/\d+/edit/{step}/$")


def pdf_file(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes()}


def select_option_containing(page: Page, select: str, text: re.Pattern) -> None:
    """Choose the option whose label matches ``text`` (labels are long and language-dependent)."""
    option = page.locator(f"{select} option").filter(has_text=text)
    expect(option).to_have_count(1)
    page.select_option(select, value=option.get_attribute("value"))


def test_applicant_registers_and_submits_an_application(
    page: Page, live_server, settings, mailoutbox
):
    settings.SITE_URL = live_server.url
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # 1. Registration.
    page.goto(f"{live_server.url}/accounts/register/")
    page.fill("#id_email", EMAIL)
    page.fill("#id_last_name", "Хасанов")
    page.fill("#id_first_name", "Ильдар")
    page.fill("#id_password1", STRONG_PASSWORD)
    page.fill("#id_password2", STRONG_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(re.compile("Подтвер|Confirm your e-mail"))
    expect(page.locator("main strong")).to_have_text(EMAIL)

    # 2. The confirmation e-mail logs the user in and opens the organization form.
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [EMAIL]
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1, message.body
    assert links[0].startswith(f"{live_server.url}/accounts/confirm/")
    page.goto(links[0])
    expect(page).to_have_url(f"{live_server.url}/accounts/organization/")
    expect(page.locator("form.form-grid #id_full_name")).to_be_visible()

    # 3. The organization.
    org_name = "ООО «Казанская кондитерская фабрика»"
    page.fill("#id_full_name", org_name)
    page.fill("#id_legal_address", "420021, г. Казань, ул. Татарстан, д. 20")
    page.fill("#id_country", "Россия")
    page.fill("#id_tax_id", "1655000001")
    page.fill("#id_bank_details", "р/с 40702810000000000001 в ПАО «Ак Барс», БИК 049205805")
    page.fill("#id_phone", "+7 843 200-00-00")
    page.fill("#id_head_name", "Сафин Р. Р.")
    page.fill("#id_chief_accountant_name", "Галиева Л. М.")
    page.fill("#id_contact_person", "Хасанов И. И.")
    page.fill("#id_contact_phone", "+7 843 200-00-01")
    page.check("#id_i_am_head")  # GOST 8.9: the head signs the declaration
    page.locator("form.form-grid button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/applications/")
    expect(page.locator("h1")).to_have_text(re.compile("Мои заявки|My applications"))

    # 4. A new application: step 1, prefilled from the organization.
    page.locator("form[action$='/applications/new/'] button[type=submit]").click()
    expect(page).to_have_url(step_url("organization"))
    expect(page.locator("#id_org_name")).to_have_value(org_name)
    expect(page.locator("#id_tax_id")).to_have_value("1655000001")
    page.check("input[name=undertakings_accepted]")
    page.click("button[name=continue]")

    # 5. Products, then the standard they comply with.
    expect(page).to_have_url(step_url("products"))
    page.fill("input[name='product-name']", "Пахлава медовая")
    select_option_containing(
        page, "select[name='product-category']", re.compile("Кондитерские|Confectionery")
    )
    select_option_containing(
        page, "select[name='product-normative_document']", re.compile(r"^ГОСТ 6478-2017\b")
    )
    expect(page.locator("input[name='product-serial_production']")).to_be_checked()
    page.click("button[name=save_product]")
    expect(page).to_have_url(step_url("products"))
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody tr")).to_contain_text("Пахлава медовая")
    select_option_containing(
        page, "select[name=standard]", re.compile(r"^ГОСТ «Продукция «Халяль»»")
    )
    page.click("button[name=save_standard][value=continue]")

    # 6. Documents. A bad file first: refused with its name, not listed.
    expect(page).to_have_url(step_url("documents"))
    page.wait_for_load_state()  # the uploads are sent by portal.js: let it bind first
    missing = page.locator("li.document.missing")
    required = missing.count()
    assert required > 0
    card = missing.first
    with page.expect_response(re.compile(r"/documents/upload/$")) as refused:
        card.locator("form[data-upload] input[type=file][multiple]").set_input_files(
            {
                "name": "virus.pdf",
                "mimeType": "application/pdf",
                "buffer": b"MZ\x90\x00" + b"\0" * 60,
            }
        )
        card.locator("form[data-upload] button[type=submit]").click()
    assert refused.value.status == 400
    expect(card.locator(".upload-status .error")).to_contain_text("virus.pdf")
    expect(card).to_have_class(re.compile(r"\bmissing\b"))
    page.reload()
    expect(page.get_by_text("virus.pdf")).to_have_count(0)
    expect(missing).to_have_count(required)

    # Then one valid PDF per required document; each upload reloads the page.
    for number in range(required):
        card = missing.first
        card_id = card.get_attribute("id")
        name = f"{card_id}.pdf"
        # GOST 8.8: the document's own date (test reports of the current year and so on).
        card.locator("form[data-upload] input[name=document_date]").fill(
            timezone.localdate().isoformat()
        )
        card.locator("form[data-upload] input[type=file][multiple]").set_input_files(pdf_file(name))
        with page.expect_navigation():
            card.locator("form[data-upload] button[type=submit]").click()
        uploaded = page.locator(f"#{card_id}")
        expect(uploaded).not_to_have_class(re.compile(r"\bmissing\b"))
        expect(uploaded.locator("ul.files a")).to_have_text(name)
        expect(missing).to_have_count(required - number - 1)
    expect(page.get_by_text("virus.pdf")).to_have_count(0)

    # 7. The declaration.
    page.locator("main .actions a[href$='/edit/declaration/']").click()
    expect(page).to_have_url(step_url("declaration"))
    expect(page.locator("section.declaration")).to_have_count(1)
    page.check("section.declaration input[name=confirm]")
    page.click("section.declaration form button[type=submit]")
    expect(page).to_have_url(step_url("declaration"))
    expect(page.locator("section.declaration .signed")).to_be_visible()
    expect(page.locator("section.declaration input[name=confirm]")).to_have_count(0)

    # 8. Review: nothing missing; submit.
    page.locator("main .actions a[href$='/edit/review/']").click()
    expect(page).to_have_url(step_url("review"))
    expect(page.locator(".missing-list")).to_have_count(0)
    expect(page.locator("p.ok")).to_be_visible()
    page.click("form[action$='/submit/'] button[type=submit]")
    expect(page).to_have_url(APPLICATION_URL)
    submitted = re.compile("Подана|Submitted")
    expect(page.locator(".timeline li").last).to_contain_text(submitted)
    expect(page.locator("h1 .badge")).to_have_text(submitted)
    expect(page.locator("h1 .badge")).to_have_class(re.compile(r"\bstate-submitted\b"))
    assert errors == [], errors  # no JavaScript error on any page


def test_applicant_logs_in_with_the_keyboard_only(page: Page, live_server):
    user = MembershipFactory().user

    page.goto(f"{live_server.url}/accounts/login/")
    email = page.locator("#id_username")
    expect(email).to_be_focused()  # autofocus
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.locator("main form button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/applications/")
    expect(page.locator("h1")).to_have_text(re.compile("Мои заявки|My applications"))
    expect(page.locator("form[action$='/applications/new/'] button[type=submit]")).to_be_visible()
