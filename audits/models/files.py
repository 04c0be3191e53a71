"""What every stored upload of the audits app keeps beside its bytes: checked by content with
``halal_portal.uploads.check_upload``, stored under a random name, shown under the uploader's."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckedFile(models.Model):
    """The fields of a checked upload; each subclass adds ``file`` with its own ``upload_to``."""

    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    def describe(self, info) -> None:
        """Copy what ``check_upload`` found out about the file (a ``CheckedUpload``)."""
        self.original_name = info.display_name
        self.content_type = info.content_type
        self.size = info.size
        self.sha256 = info.sha256

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
