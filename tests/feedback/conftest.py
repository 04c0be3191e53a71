import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from certification import services as certification_services

GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rate limit's counters and the cached figures start empty in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issued(under_review, secretary, commission, head):
    """ХП.00001, decided by a meeting of the commission and signed by the head."""
    from tests.certification.workflow import issue

    issue(under_review, secretary=secretary, members=commission)
    return certification_services.certificate_sign(certificate=under_review.certificate, by=head)


def jpeg_with_location(name: str = "photo.jpg") -> SimpleUploadedFile:
    """A phone's photo: EXIF with the camera and the GPS position where it was taken."""
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 47.0, 0.0), 3: "E", 4: (49.0, 6.0, 0.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


REPORT = {
    "kind": "not_covered",
    "product_name": "Колбаса «Особая»",
    "gtin": "4006381333931",
    "number_shown": "",
    "place": "Магазин «Продукты», ул. Баумана, 5",
    "description": "The sign is on the package; the registry does not list this sausage.",
    "email": "shopper@example.com",
}
