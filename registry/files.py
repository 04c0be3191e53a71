"""«Check a PDF»: whether a visitor's file is the registered PDF of a certificate or of one of
its annexes.

A checked file is never stored: `Sha256UploadHandler` replaces Django's upload handlers for the
request, so each chunk goes through hashlib as it arrives and is dropped; no temporary file, no
copy in memory. The size is limited (REGISTRY_VERIFY_MAX_MB) before the body is read and while
it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from halal_portal.signing import SigningNotConfigured, verify_signed_pdf

from .cards import CertificateCard

# Room for the multipart envelope (boundaries, headers) around the file itself.
_ENVELOPE = 64 * 1024


def verify_max_bytes() -> int:
    return settings.REGISTRY_VERIFY_MAX_MB * 1024 * 1024


@dataclass(frozen=True)
class HashedFile:
    """An uploaded file: its name, size, SHA-256 and its bytes (kept in memory, at most
    REGISTRY_VERIFY_MAX_MB, for the signature check; never stored)."""

    name: str
    size: int
    sha256: str
    content: bytes = b""


class Sha256UploadHandler(FileUploadHandler):
    """Hashes every uploaded file chunk by chunk and keeps it in memory for the signature check,
    never on disk; refuses a body or a file over ``limit`` bytes (``too_large``) without reading
    the rest of it."""

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.too_large = False
        self._hash = None
        self._size = 0
        self._chunks: list[bytes] = []

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > self.limit + _ENVELOPE:
            # Refused before a byte of the body is read: nothing to parse, nothing to hash.
            self.too_large = True
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self._hash = hashlib.sha256()
        self._size = 0
        self._chunks = []

    def receive_data_chunk(self, raw_data, start):
        self._size += len(raw_data)
        if self._size > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        self._hash.update(raw_data)
        self._chunks.append(raw_data)
        return None  # the chunk goes no further: no other handler, no file

    def file_complete(self, file_size):
        return HashedFile(
            name=self.file_name or "",
            size=self._size,
            sha256=self._hash.hexdigest(),
            content=b"".join(self._chunks),
        )


class VerifyError(Exception):
    """An upload that cannot be checked; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def hash_upload(request: HttpRequest, field: str = "file") -> HashedFile:
    """The SHA-256 of the file posted as ``field``; the file itself is never kept.

    Call it before anything reads request.POST or request.FILES (as the CSRF check would: the
    views that call it are exempt from it, see views.certificate_verify)."""
    handler = Sha256UploadHandler(request, limit=verify_max_bytes())
    request.upload_handlers = [handler]
    too_large = VerifyError(
        _("The file is larger than %(size)s MB: a certificate PDF is much smaller.")
        % {"size": settings.REGISTRY_VERIFY_MAX_MB},
        status=413,
    )
    try:
        files = request.FILES
    except (
        MultiPartParserError,
        BadRequest,
        RequestDataTooBig,
        TooManyFieldsSent,
        UnreadablePostError,
    ) as error:
        raise VerifyError(_("The upload could not be read; choose the file again.")) from error
    if handler.too_large:
        raise too_large
    upload = files.get(field)
    if not isinstance(upload, HashedFile) or upload.size == 0:
        raise VerifyError(_("Choose the PDF file to check."))
    return upload


@dataclass(frozen=True)
class Verdict:
    """The answer of the «check a PDF» test for one certificate."""

    number: str
    file: HashedFile
    annex: int | None  # the matching annex's number
    match: bool
    # How it matched: "sha256" (the very file registered) or "signature" (a copy whose PAdES
    # signature by the body's key is valid and intact, its bytes differing).
    by: str = "sha256"
    reason: str = ""  # why the signature does not make it genuine, when it does not match

    @property
    def message(self) -> str:
        if not self.match:
            text = _(
                "This file is not the registered PDF of certificate %(number)s or of its "
                "annexes: it may have been altered, or it belongs to another certificate."
            ) % {"number": self.number}
            return f"{text} {self.reason}" if self.reason else text
        if self.by == "signature":
            return _(
                "This file carries the valid electronic signature of the certification body and "
                "was not changed after signing: it is a genuine copy of %(document)s."
            ) % {"document": self._document()}
        if self.annex is None:
            return _("This file is the registered PDF of certificate %(number)s.") % {
                "number": self.number
            }
        return _(
            "This file is the registered PDF of annex No. %(annex)s to certificate %(number)s."
        ) % {
            "number": self.number,
            "annex": self.annex,
        }

    def _document(self) -> str:
        if self.annex is None:
            return _("certificate %(number)s") % {"number": self.number}
        return _("annex No. %(annex)s to certificate %(number)s") % {
            "number": self.number,
            "annex": self.annex,
        }


def registry_verify(card: CertificateCard, file: HashedFile) -> Verdict:
    """Whether ``file`` is the PDF of the certificate of ``card`` or of one of its annexes: the
    registered file itself (by SHA-256), or a copy signed by the body that is intact since its
    signature and names this certificate (GOST 8.6; the body's key, halal_portal/signing.py)."""
    for annex, pdf in card.pdfs():
        if pdf.sha256 == file.sha256:
            return Verdict(card.number, file, annex, match=True)
    try:
        check = verify_signed_pdf(file.content)
    except SigningNotConfigured:
        # Without the body's certificate no signature can be checked; the hash was.
        return Verdict(card.number, file, None, match=False)
    if not check.genuine:
        return Verdict(card.number, file, None, match=False, reason=check.reason)
    # The signed document's keywords: the certificate's number, then «приложение № N» for an
    # annex; letters and protocols start otherwise and never match a certificate.
    if not check.keywords or check.keywords[0] != card.number:
        return Verdict(card.number, file, None, match=False)
    annex = None
    if len(check.keywords) > 1:
        digits = "".join(c for c in check.keywords[1] if c.isdigit())
        annex = int(digits) if digits else None
    return Verdict(card.number, file, annex, match=True, by="signature")
