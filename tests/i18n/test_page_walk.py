"""A page walk in each language: every page a demo role reaches, read by a script detector.

Cyrillic on an English page fails unless it is data: what users and the demo typed (names,
addresses, products, documents' contents) or a message as it was sent. Those fields are listed
here one by one; a field that the code fills with words of its own (a checklist's Russian title,
a stored «серийное производство») is not data and must follow the reader's language.
"""

import re
from collections import Counter
from urllib.parse import unquote, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import User
from tests.i18n.detector import cyrillic_words, english_words, visible_text

DATA_FIELDS = {
    "accounts.User": ["email", "last_name", "first_name", "middle_name", "position"],
    "accounts.Organization": [
        "full_name",
        "short_name",
        "legal_address",
        "country",
        "bank_details",
        "head_name",
        "head_position",
        "chief_accountant_name",
        "contact_person",
    ],
    "accounts.PowerOfAttorney": ["number", "issued_by"],
    "accounts.AuthorizedBody": ["name", "legal_address", "head_name", "head_position"],
    # Sent in the recipient's language at the time; the demo's recipients read Russian.
    "accounts.Notification": ["subject", "body"],
    "certification.NormativeDocument": ["designation", "title"],
    "certification.Application": [
        "number",
        "org_name",
        "legal_address",
        "country",
        "bank_details",
        "head_name",
        "chief_accountant_name",
        "contact_person",
    ],
    "certification.ApplicationProduct": ["name"],
    "certification.DossierFile": ["original_name"],
    "certification.Declaration": ["products_text", "signatory_name"],
    "certification.TransitionLog": ["comment"],
    "certification.Meeting": ["place"],
    "certification.AgendaItem": ["grounds"],
    "certification.Certificate": [
        "number",
        "manufacturer_name",
        "manufacturer_address",
        "manufacturer_country",
        "head_name",
    ],
    "certification.CertificateProduct": ["name"],
    "audits.ProductionCheck": ["purpose", "basis"],
    "audits.CheckTeamMember": ["position"],
    "audits.ChecklistVersion": ["title"],
    "audits.ProductionCheckAct": [
        "body_name",
        "body_legal_address",
        "enterprise_name",
        "legal_address",
        "production_address",
        "enterprise_head",
        "commission",
        "representatives",
        "purpose",
        "basis",
        "declared_products",
        "product_documentation",
        "serial_certificates",
        "safety_management_system",
        "complaints",
    ],
    "audits.ItemResult": ["comment"],
    "audits.Nonconformity": ["description"],
    "audits.SanitationEntry": [
        "controller_name",
        "equipment",
        "performers",
        "agents",
        "test_result",
    ],
    "audits.SamplingAct": [
        "certification_body",
        "products_location",
        "applicant_name",
        "representative_name",
        "product_name",
        "manufacturer",
        "control_documents",
        "sampling_documents",
        "external_inspection",
        "identification",
        "packaging",
        "storage_conditions",
        "typical_justification",
        "applicant_proposals",
    ],
    "audits.Sample": [
        "name",
        "manufacturer",
        "unit",
        "shelf_life",
        "normative_document",
        "nominal_quantity",
        "package_type",
        "mass_volume",
        "other_features",
        "laboratory",
    ],
    "audits.LabReport": ["original_name", "laboratory"],
    "slaughter.SlaughterEntry": [
        "controller_name",
        "line",
        "veterinary_document",
        "slaughterers",
        "notes",
    ],
}
ROLES = [
    None,
    "applicant@example.com",
    "applicant2@example.com",
    "secretary@example.com",
    "commission1@example.com",
    "auditor@example.com",
    "head@example.com",
]
START = ["/", "/dashboard/", "/registry/"]
PER_ROUTE = 4
# Not pages: files, feeds, the API and the admin (Django's own), actions that change state.
NOT_A_PAGE = re.compile(
    r"^/(admin|api|pdf|static|media|i18n|accounts/logout)/|\.(csv|svg|png|pdf|xml)$|feed|download"
)
# Each language's own name in the language switch is meant to stay in that language.
LANGUAGE_SWITCH = re.compile(r'<select id="language-select".*?</select>', re.S)


def data_values() -> set[str]:
    values = set()
    for label, fields in DATA_FIELDS.items():
        for row in apps.get_model(label).objects.values_list(*fields):
            for value in filter(None, row):
                values.update([value, *value.splitlines(), *value.split("; ")])
    return values


def shape(url: str) -> str:
    """The route of a page: /registry/ХП.00002/ and /registry/ХП.00001/ are one route."""
    return re.sub(r"\d+", "N", unquote(url))


def walk(client, language):
    """(url, visible text) of every page reached from the start pages by links."""
    client.cookies["django_language"] = language
    todo, seen, routes = list(START), set(), Counter()
    while todo:
        url = todo.pop(0)
        # A few pages of each route: an application reads differently in each of its states.
        if url in seen or routes[shape(url)] >= PER_ROUTE:
            continue
        seen.add(url)
        routes[shape(url)] += 1
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        for href in re.findall(r'href="([^"#]+)"', page):
            link = urlsplit(href)
            if not link.netloc and link.path.startswith("/") and not NOT_A_PAGE.search(link.path):
                todo.append(link.path + (f"?{link.query}" if link.query else ""))
        yield url, visible_text(LANGUAGE_SWITCH.sub(" ", page))


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)
    return data_values()


@pytest.mark.parametrize(
    ("language", "foreign"), [("en", cyrillic_words), ("kk", english_words)], ids=["en", "kk"]
)
def test_no_page_speaks_another_language(client, demo, language, foreign):
    found, pages = {}, set()
    for email in ROLES:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for url, text in walk(client, language):
            pages.add(shape(url))
            if words := foreign(text, demo):
                found.setdefault(url, sorted(set(words)))
    assert found == {}
    # The walk reached the application, its steps, the audits, the slaughter journal, the registry.
    assert len(pages) >= 35
    assert {
        "/applications/N/edit/declaration/",
        "/audits/checks/N/act/sections/N/",
        "/slaughter/organizations/N/N/",
        "/meetings/N/",
        "/registry/ХП.N/",
    } <= pages
