"""Photos of a report: checked as every upload (halal_portal.uploads), then re-encoded so that
nothing of the original's metadata is kept — above all EXIF's GPS position of the shopper."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from halal_portal.uploads import JPEG, PNG, CheckedUpload, check_upload

PHOTO_TYPES = {JPEG: "JPEG", PNG: "PNG"}


def clean_photo(upload: UploadedFile, *, max_bytes: int) -> tuple[CheckedUpload, ContentFile]:
    """The checked upload and its metadata-free copy; ValidationError for anything but a JPEG
    or PNG photo."""
    checked = check_upload(upload, max_bytes=max_bytes)
    if checked.content_type not in PHOTO_TYPES:
        raise ValidationError(
            _("%(name)s is not a photo: send JPEG or PNG pictures.")
            % {"name": checked.display_name},
            code="not_photo",
        )
    upload.seek(0)
    with Image.open(upload, formats=[PHOTO_TYPES[checked.content_type]]) as image:
        # The orientation lives in EXIF too: apply it to the pixels before EXIF goes.
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "L", "RGBA", "P"):
            image = image.convert("RGB")
        out = io.BytesIO()
        fmt = PHOTO_TYPES[checked.content_type]
        if fmt == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=88)
        else:
            image.save(out, "PNG")
    return checked, ContentFile(out.getvalue())
