"""The «Halal» sign of Annex В: the certificate number on it, at least 15 mm (GOST 8.4), for the
holder only while the certificate is valid (GOST 8.6)."""

import datetime
import io
import re

import pytest
import time_machine
from django.urls import reverse
from PIL import Image

from certification.halal_mark import mark_png, mark_svg
from tests.certification.workflow import decide

MIN_MM = 15  # GOST 8.4


def test_svg_carries_the_number_and_prints_at_least_15_mm():
    svg = mark_svg("ХП.00042")
    width = float(re.search(r'width="([\d.]+)mm"', svg).group(1))
    assert "ХП.00042" in svg and width >= MIN_MM


def test_png_carries_the_number_and_prints_at_least_15_mm():
    image = Image.open(io.BytesIO(mark_png("ХП.00042")))
    width_mm = image.width / image.info["dpi"][0] * 25.4
    assert image.text["Certificate"] == "ХП.00042" and width_mm >= MIN_MM


def sign_url(certificate, extension="svg") -> str:
    return reverse(f"certification:certificate-mark-{extension}", kwargs={"pk": certificate.pk})


@pytest.fixture
def issued(certified, head):
    """The certificate signed by the head (Л.4.6): issued, its sign usable (GOST 8.2)."""
    from certification import services

    return services.certificate_sign(certificate=certified, by=head)


@pytest.mark.django_db
def test_sign_is_refused_until_the_head_signs_the_certificate(client, applicant, certified):
    client.force_login(applicant)
    response = client.get(sign_url(certified))
    assert response.status_code == 403 and "8.2" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("extension,content_type", [("svg", "image/svg+xml"), ("png", "image/png")])
def test_holder_downloads_the_sign_of_a_valid_certificate(
    client, applicant, issued, extension, content_type
):
    client.force_login(applicant)
    response = client.get(sign_url(issued, extension))
    assert response.status_code == 200 and response["Content-Type"] == content_type


@pytest.mark.django_db
def test_sign_is_refused_while_the_certificate_is_suspended(
    client, applicant, issued, secretary, commission
):
    decide(issued.application, "suspend_certificate", secretary=secretary, members=commission)
    client.force_login(applicant)
    response = client.get(sign_url(issued))
    assert response.status_code == 403 and "8.6" in response.content.decode()


@pytest.mark.django_db
def test_sign_is_refused_after_the_certificate_ends(client, applicant, issued):
    after = issued.valid_to + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(after, datetime.time(12)), tick=False):
        client.force_login(applicant)
        response = client.get(sign_url(issued, "png"))
    assert response.status_code == 403


@pytest.mark.django_db
def test_staff_see_the_certificate_but_not_its_sign(client, secretary, certified):
    client.force_login(secretary)
    assert client.get(sign_url(certified)).status_code == 403


@pytest.mark.django_db
def test_outsider_gets_404_for_the_sign(client, outsider, certified):
    client.force_login(outsider)
    assert client.get(sign_url(certified)).status_code == 404
