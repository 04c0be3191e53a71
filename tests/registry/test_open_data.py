"""Open data: the CSV export and the Atom feed of changes."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from certification import services
from tests.certification.workflow import decide


def export(client, **params) -> list[dict]:
    response = client.get(reverse("registry:export"), params)
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.django_db
def test_export_lists_every_certificate_with_its_products(client, make_certificate):
    make_certificate(number="ХП.00001", product="Халва")
    make_certificate(number="ХП.00002", product="Чак-чак")
    rows = export(client)
    assert [(r["number"], r["products"].split(" (")[0]) for r in rows] == [
        ("ХП.00002", "Чак-чак"),
        ("ХП.00001", "Халва"),
    ]


@pytest.mark.django_db
def test_export_links_each_certificate_to_its_public_page(client, make_certificate, settings):
    make_certificate(number="ХП.00001")
    page = reverse("registry:certificate", kwargs={"number": "ХП.00001"})
    assert export(client)[0]["url"] == settings.SITE_URL + page


@pytest.mark.django_db
def test_export_streams(client, make_certificate):
    make_certificate()
    response = client.get(reverse("registry:export"))
    assert response.streaming and response["Content-Type"].startswith("text/csv")


@pytest.mark.django_db
def test_export_honours_the_filters(client, make_certificate):
    make_certificate(number="ХП.00001", country="Россия")
    make_certificate(number="ХП.00002", country="Казахстан")
    assert [r["number"] for r in export(client, country="Казахстан")] == ["ХП.00002"]


@pytest.mark.django_db
def test_export_defuses_spreadsheet_formulas(client, make_certificate):
    make_certificate(manufacturer='=HYPERLINK("http://evil")')
    assert export(client)[0]["manufacturer_name"].startswith("'=")


@pytest.mark.django_db
def test_feed_announces_a_suspension(client, issued, under_review, secretary, commission):
    decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    response = client.get(reverse("registry:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response.content.decode().count("<entry>") == 2


@pytest.mark.django_db
def test_feed_keeps_the_grounds_private(client, issued, under_review, secretary, commission):
    decide(
        under_review,
        "suspend_certificate",
        secretary=secretary,
        members=commission,
        grounds="Основание-под-секретом",
    )
    assert "Основание-под-секретом" not in client.get(reverse("registry:feed")).content.decode()


@pytest.mark.django_db
def test_a_certificate_signed_later_enters_the_feed_when_signed(
    client, decided, head, make_certificate
):
    # Decided today, another certificate suspended tomorrow, signed by the head the day after:
    # subscribers learn of it as the newest change, dated by the signature.
    other = make_certificate(number="ХП.00002")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        other.events.create(kind="suspended", status="suspended")
    signing = timezone.now() + datetime.timedelta(days=2)
    with time_machine.travel(signing, tick=False):
        services.certificate_sign(certificate=decided, by=head)
    feed = client.get(reverse("registry:feed")).content.decode()
    first = feed[feed.index("<entry>") : feed.index("</entry>")]
    assert decided.number in first
    updated = re.search(r"<updated>([^<]+)</updated>", first).group(1)
    assert datetime.datetime.fromisoformat(updated) == signing
