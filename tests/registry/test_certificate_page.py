"""The certificate page (the QR target): exact status, history, products, nothing confidential."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from certification import services
from certification.models import CertificateEvent, Vote
from tests.certification.workflow import decide

PAGE = reverse("registry:certificate", kwargs={"number": "ХП.00001"})


@pytest.fixture
def members(commission):
    return commission


BADGE = re.compile(r'<span class="badge cert-(\w+)">')
HISTORY = re.compile(r'<li id="event-\d+">\s*<time[^>]*>[^<]*</time>\s*<strong>([^<]+)</strong>')


def status_on_page(client) -> str:
    """The status the visitor sees: the badge next to the number."""
    return BADGE.search(client.get(PAGE).content.decode()).group(1)


def history_on_page(client) -> list[str]:
    return HISTORY.findall(client.get(PAGE).content.decode())


def event_labels(*kinds: str) -> list[str]:
    with translation.override("ru"):
        return [capfirst(str(CertificateEvent.Kind(kind).label)) for kind in kinds]


def annex_section(html: str, number: int) -> str:
    start = html.index(f'<section class="card annex" id="annex-{number}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["XP.00001", "хп 1", "ХП-00001", "xp00001"])
def test_other_spellings_redirect_to_the_canonical_url(client, issued, spelling):
    response = client.get(f"/registry/{spelling}/")
    assert (response.status_code, response["Location"]) == (301, PAGE)


@pytest.mark.django_db
def test_an_unknown_number_is_404(client, issued):
    assert client.get("/registry/ХП.00002/").status_code == 404


@pytest.mark.django_db
def test_the_page_is_public_and_takes_one_query(client, issued, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get(PAGE).status_code == 200


@pytest.mark.django_db
def test_the_page_shows_the_basis_protocol(client, issued):
    response = client.get(PAGE)
    assert issued.meeting.protocol_reference in response.content.decode()


@pytest.mark.django_db
def test_suspension_shows_at_once_with_its_protocol(
    client, issued, under_review, secretary, members
):
    item = decide(under_review, "suspend_certificate", secretary=secretary, members=members)
    html = client.get(PAGE).content.decode()
    assert BADGE.search(html).group(1) == "suspended"
    assert item.meeting.protocol_reference in html


@pytest.mark.django_db
def test_resumption_makes_it_valid_again(client, issued, under_review, secretary, members):
    decide(under_review, "suspend_certificate", secretary=secretary, members=members)
    decide(under_review, "resume_certificate", secretary=secretary, members=members)
    assert status_on_page(client) == "valid"


@pytest.mark.django_db
def test_withdrawal_shows_at_once(client, issued, under_review, secretary, members):
    decide(under_review, "withdraw_certificate", secretary=secretary, members=members)
    assert status_on_page(client) == "withdrawn"


@pytest.mark.django_db
def test_expiry_by_the_nightly_job(client, issued):
    with time_machine.travel(issued.valid_to + datetime.timedelta(days=1, hours=1)):
        services.certificates_expire()
        issued.refresh_from_db()
        assert (issued.status, status_on_page(client)) == ("expired", "expired")


@pytest.mark.django_db
def test_past_its_end_date_it_is_expired_before_the_nightly_job_runs(client, issued):
    # GOST 8.6: the registry never shows a certificate past its validity as valid.
    with time_machine.travel(issued.valid_to + datetime.timedelta(days=1, hours=12)):
        assert status_on_page(client) == "expired"


@pytest.mark.django_db
def test_history_lists_every_event(client, issued, under_review, secretary, members):
    decide(under_review, "suspend_certificate", secretary=secretary, members=members)
    decide(under_review, "resume_certificate", secretary=secretary, members=members)
    assert history_on_page(client) == event_labels("issued", "suspended", "resumed")


@pytest.mark.django_db
def test_annex_products_are_listed_under_their_annex(
    client, issued, under_review, applicant, secretary, members
):
    from tests.factories import category, normative_document

    request = services.annex_request_create(
        certificate=issued,
        by=applicant,
        products=[
            {"name": "Нуга", "category": category(), "normative_document": normative_document()}
        ],
    )
    decide(under_review, "issue_annex", secretary=secretary, members=members, annex_request=request)
    html = client.get(PAGE).content.decode()
    assert "Нуга" in annex_section(html, 1)
    assert "Нуга" not in html[: html.index('id="annex-1"')]  # not among the certificate's own


@pytest.mark.django_db
def test_nothing_from_the_dossier_acts_or_votes_is_shown(
    client, issued, under_review, organization, secretary, members
):
    decide(
        under_review,
        "suspend_certificate",
        secretary=secretary,
        members=members,
        grounds="Основание-под-секретом",
    )
    Vote.objects.update(comment="Комментарий-к-голосу")
    html = client.get(PAGE).content.decode()
    secrets = [
        organization.tax_id,
        organization.bank_details,
        under_review.number,
        "Основание-под-секретом",
        "Комментарий-к-голосу",
        secretary.last_name,
    ]
    assert [s for s in secrets if s in html] == []


@pytest.mark.django_db
def test_the_page_keeps_a_place_for_the_pdf(client, issued):
    html = client.get(PAGE).content.decode()
    assert '<section class="card" id="pdf"' in html and 'class="verify-form"' in html
