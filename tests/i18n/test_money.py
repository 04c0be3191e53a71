"""Numbers and money are written one way everywhere, by the reader's locale: the invoice on the
page and the notification about it read the same («45 000,00 RUB», not «45000.00 RUB»)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from halal_portal.formatting import money, number

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", f"45{NBSP}000,00{NBSP}RUB"),
        ("kk", f"45{NBSP}000,00{NBSP}RUB"),
        ("en", f"45,000.00{NBSP}RUB"),
    ],
)
def test_money_follows_the_language(language, text):
    with translation.override(language):
        assert money(Decimal("45000"), "RUB") == text
        assert (
            Template("{% load portal %}{{ a|money:'RUB' }}").render(
                Context({"a": Decimal("45000")})
            )
            == text
        )
    assert money(Decimal("45000"), "RUB", language) == text


def test_a_document_asks_for_its_own_language():
    with translation.override("en"):
        assert number(Decimal("1234567.5"), 2, "ru") == f"1{NBSP}234{NBSP}567,50"


def test_the_invoice_notification_reads_as_the_page(
    complete_draft, applicant, secretary, commission
):
    import datetime

    from certification import services
    from certification.models import Invoice, Tariff

    Tariff.objects.create(
        stage="document_review",
        amount=Decimal("45000"),
        currency="RUB",
        valid_from=datetime.date(2020, 1, 1),
    )
    services.application_submit(application=complete_draft, by=applicant)
    services.application_register(application=complete_draft, by=secretary, members=commission)
    invoice = Invoice.objects.get(application=complete_draft)
    note = applicant.notifications.get(key=f"invoice:{invoice.pk}")
    assert f"45{NBSP}000,00 RUB" in note.body
    page = Template("{% load portal %}{{ i.amount|money:i.currency }}").render(
        Context({"i": invoice})
    )
    assert page == f"45{NBSP}000,00{NBSP}RUB"
