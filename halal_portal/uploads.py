"""Content-based validation of uploaded dossier files (GOST 8.8: documents of the dossier).

Every file an applicant or an auditor attaches to a dossier passes through :func:`check_upload`.
The decision is made from the file's CONTENT only - its magic bytes and a real parse with pypdf
or Pillow - never from the file name or the content type declared by the browser, both of which
the client controls. Accepted formats: PDF, JPEG, PNG and TIFF.

Files may be large (scans of 100 MB), so nothing here reads a whole file into memory: the digest
is computed over ``upload.chunks()`` and the parsers read from the file object themselves.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageFile
from pypdf import PdfReader

__all__ = ["CheckedUpload", "check_upload", "sanitize_filename"]

PDF: Final = "application/pdf"
JPEG: Final = "image/jpeg"
PNG: Final = "image/png"
TIFF: Final = "image/tiff"

EXTENSIONS: Final[dict[str, str]] = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", TIFF: ".tif"}
# Pillow plugin names; passing only the expected one to Image.open stops Pillow from guessing
# another format for bytes that merely resemble ours.
_PILLOW_FORMATS: Final[dict[str, str]] = {JPEG: "JPEG", PNG: "PNG", TIFF: "TIFF"}

# The PDF specification lets readers find the header anywhere in the first 1024 bytes.
_HEAD_SIZE: Final = 1024
_MIB: Final = 1024 * 1024
MAX_NAME_LENGTH: Final = 150
# Longer "extensions" are really part of the name and need not survive truncation.
_MAX_EXTENSION_LENGTH: Final = 16

_IMAGE_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    # BigTIFF: large scanner output.
    (b"II+\x00", TIFF),
    (b"MM\x00+", TIFF),
)
_EXECUTABLE_MAGIC: Final[tuple[bytes, ...]] = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",  # Linux and other Unix
    b"\xfe\xed\xfa\xce",  # Mach-O 32-bit, big-endian
    b"\xfe\xed\xfa\xcf",  # Mach-O 64-bit, big-endian
    b"\xce\xfa\xed\xfe",  # Mach-O 32-bit, little-endian
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit, little-endian
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary (also Java class files)
    b"#!",  # scripts run through an interpreter
)
_CONTAINER_MAGIC: Final[tuple[bytes, ...]] = (
    b"PK\x03\x04",  # ZIP and everything built on it: DOCX, XLSX, ODT...
    b"PK\x05\x06",  # empty ZIP
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # legacy Office (DOC, XLS)
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
)
_BOMS: Final[tuple[tuple[bytes, str], ...]] = (
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# None of the accepted formats can start with a tag, so any tag-like opening (<html, <svg,
# <?xml, <!doctype, <script, <body...) is markup that a browser could render and run.
_MARKUP_START: Final = re.compile(r"<[a-z!?/]", re.IGNORECASE)

_FORBIDDEN_NAME_CHARS: Final = re.compile(r'[<>:"/\\|?*]')
_WHITESPACE: Final = re.compile(r"\s+")


@dataclass(frozen=True)
class CheckedUpload:
    """What an upload turned out to be, established from its content."""

    content_type: str  # "application/pdf" | "image/jpeg" | "image/png" | "image/tiff"
    extension: str  # ".pdf" | ".jpg" | ".png" | ".tif"
    size: int
    sha256: str
    display_name: str


def sanitize_filename(name: str, *, fallback: str = "file") -> str:
    """Return a file name that is safe to show to users and to put in a download header.

    Display only: files are stored under random names elsewhere. Cyrillic and other letters are
    kept; the directory part, control and formatting characters (including bidi overrides that
    can disguise ``exe.pdf`` as ``fdp.exe``), leading dots and ``<>:"/\\|?*`` are removed.
    """
    name = unicodedata.normalize("NFC", name or "")
    # Browsers on Windows may send the full client path, and "\" is not a separator on POSIX.
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        " " if char.isspace() else char
        for char in name
        if char.isspace() or unicodedata.category(char)[0] != "C"
    )
    name = _FORBIDDEN_NAME_CHARS.sub("", name)
    name = _WHITESPACE.sub(" ", name).strip()
    # A leading dot would hide the file on Unix and "..": would read as a parent directory.
    name = name.lstrip(". ")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and len(ext) + 1 <= _MAX_EXTENSION_LENGTH:
            keep = MAX_NAME_LENGTH - len(ext) - 1
            name = stem[:keep].rstrip(" .") + "." + ext
        else:
            name = name[:MAX_NAME_LENGTH].rstrip()
    return name or fallback


def check_upload(upload: UploadedFile, *, max_bytes: int | None = None) -> CheckedUpload:
    """Validate ``upload`` by its content and describe it.

    Raises :class:`~django.core.exceptions.ValidationError` with one of the codes ``empty``,
    ``too_large``, ``executable``, ``markup``, ``encrypted``, ``broken`` or ``unsupported``;
    the message names the file and the reason. On success the file is rewound to the start,
    ready to be saved.
    """
    if max_bytes is None:
        max_bytes = settings.UPLOAD_MAX_BYTES
    display_name = sanitize_filename(upload.name or "")

    # The declared size lets a huge file be refused before any of it is read; the real size is
    # counted again while hashing, since the declaration comes from the upload handler.
    declared = upload.size
    if declared == 0:
        raise _empty(display_name)
    if declared is not None and declared > max_bytes:
        raise _too_large(display_name, max_bytes)

    upload.seek(0)
    head = upload.read(_HEAD_SIZE)
    if not head:
        raise _empty(display_name)
    content_type = _sniff(head, display_name)

    digest = hashlib.sha256()
    size = 0
    for chunk in upload.chunks():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(display_name, max_bytes)
        digest.update(chunk)
    if size == 0:
        raise _empty(display_name)

    upload.seek(0)
    try:
        if content_type == PDF:
            _parse_pdf(upload, display_name)
        else:
            _parse_image(upload, content_type, display_name)
    finally:
        upload.seek(0)

    return CheckedUpload(
        content_type=content_type,
        extension=EXTENSIONS[content_type],
        size=size,
        sha256=digest.hexdigest(),
        display_name=display_name,
    )


def _sniff(head: bytes, display_name: str) -> str:
    """Classify the file from its first bytes; dangerous kinds are refused here."""
    if head.startswith(_EXECUTABLE_MAGIC):
        raise ValidationError(
            _("«%(name)s» is a program or a script; such files cannot be uploaded.")
            % {"name": display_name},
            code="executable",
        )
    if _looks_like_markup(head):
        raise ValidationError(
            _("«%(name)s» is a web page or markup (HTML, SVG, XML); such files cannot be uploaded.")
            % {"name": display_name},
            code="markup",
        )
    # Images are matched at offset 0 before the looser PDF header search, so that a picture
    # carrying "%PDF-" in its metadata is still handled (and served) as a picture.
    for magic, content_type in _IMAGE_MAGIC:
        if head.startswith(magic):
            return content_type
    if b"%PDF-" in head:
        return PDF
    if head.startswith(_CONTAINER_MAGIC):
        raise ValidationError(
            _(
                "«%(name)s» is an archive or an office document. "
                "Please save it as PDF; accepted formats: PDF, JPEG, PNG, TIFF."
            )
            % {"name": display_name},
            code="unsupported",
        )
    raise _unsupported(display_name)


def _looks_like_markup(head: bytes) -> bool:
    encoding = "utf-8"
    for bom, bom_encoding in _BOMS:
        if head.startswith(bom):
            head, encoding = head[len(bom) :], bom_encoding
            break
    # A UTF-16/32 head cut at 1024 bytes may end mid-character; the tail does not matter.
    text = head.decode(encoding, errors="ignore").lstrip()
    return _MARKUP_START.match(text) is not None


# pypdf repairs a PDF whose cross-reference table is damaged by reading the whole file into
# memory; a large upload must not cost that much, so a large PDF must have an intact xref.
PDF_REPAIR_MAX_BYTES = 10 * 1024 * 1024
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF", re.DOTALL)
_XREF_TARGET = re.compile(rb"\s*(xref|\d+\s+\d+\s+obj)")


def _xref_is_intact(upload: UploadedFile) -> bool:
    """The last ``startxref`` points at an xref table or an xref stream object."""
    size = upload.size or 0
    upload.seek(max(0, size - 2048))
    matches = list(_STARTXREF.finditer(upload.read(2048)))
    if not matches:
        return False
    offset = int(matches[-1].group(1))
    if offset >= size:
        return False
    upload.seek(offset)
    return bool(_XREF_TARGET.match(upload.read(64)))


def _parse_pdf(upload: UploadedFile, display_name: str) -> None:
    if (upload.size or 0) > PDF_REPAIR_MAX_BYTES and not _xref_is_intact(upload):
        raise _broken_pdf(display_name)
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        encrypted = reader.is_encrypted
        # Page count is not read for encrypted files: pypdf refuses until they are decrypted.
        pages = 0 if encrypted else len(reader.pages)
        if pages:
            reader.pages[0]  # resolves the first page object, not just the page tree's /Count
    except Exception as exc:
        # Hostile or damaged PDFs make pypdf fail in many ways (PdfReadError, KeyError,
        # ValueError, RecursionError...); all of them mean the same to the user.
        raise _broken_pdf(display_name) from exc
    if encrypted:
        raise ValidationError(
            _("«%(name)s» is a password-protected PDF. Please upload it without a password.")
            % {"name": display_name},
            code="encrypted",
        )
    if pages < 1:
        raise ValidationError(
            _("«%(name)s» is a PDF without any pages.") % {"name": display_name},
            code="broken",
        )
    try:
        active = _active_content(reader)
    except Exception as exc:  # the same hostile-file failures as above
        raise _broken_pdf(display_name) from exc
    if active:
        raise ValidationError(
            _(
                "«%(name)s» contains %(what)s; such PDFs cannot be uploaded. Print it to a new "
                "PDF (or scan it) and upload that."
            )
            % {"name": display_name, "what": active},
            code="active_content",
        )


# Action types that run something when the PDF is opened or clicked.
_ACTIVE_ACTIONS: Final = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/RichMediaExecute",
}
_MAX_PDF_OBJECTS: Final = 200_000


def _active_content(reader: PdfReader) -> str:
    """What in the PDF could act on the reader's computer: scripts, launch actions, embedded
    files. Every indirect object is looked at, those inside object streams included, so a
    script cannot hide where a plain byte search would miss it. Empty when there is none."""
    numbers = [number for entries in reader.xref.values() for number in entries]
    numbers += list(reader.xref_objStm)
    if len(numbers) > _MAX_PDF_OBJECTS:
        return str(_("more objects than a document needs"))
    for number in numbers:
        obj = reader.get_object(number)
        if not hasattr(obj, "keys"):
            continue
        if obj.get("/S") in _ACTIVE_ACTIONS or "/JS" in obj or "/JavaScript" in obj:
            return str(_("a script or an action that runs a program"))
        if obj.get("/Type") in ("/EmbeddedFile", "/Filespec") or "/EmbeddedFiles" in obj:
            return str(_("embedded files"))
        if obj.get("/Subtype") in ("/FileAttachment", "/RichMedia", "/Movie", "/Screen"):
            return str(_("embedded files"))
    return ""


@contextlib.contextmanager
def _strict_image_loading():
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it is imported
    (the PDF renderer lives in the same process); a truncated upload must still be refused."""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _parse_image(upload: UploadedFile, content_type: str, display_name: str) -> None:
    formats = [_PILLOW_FORMATS[content_type]]
    try:
        # verify() checks structure and checksums but decodes nothing, so a truncated pixel
        # stream passes it; only the second open with load() decodes the data. Image.open may
        # not be reused after verify(), hence the reopening.
        with Image.open(upload, formats=formats) as image:
            _check_pixels(image, display_name)
            image.verify()
        upload.seek(0)
        with Image.open(upload, formats=formats) as image, _strict_image_loading():
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # The warning is only an exception when warnings are configured as errors.
        raise _bomb(display_name) from exc
    except ValidationError:
        raise
    except Exception as exc:
        # As with PDFs, every decoder failure (OSError, SyntaxError, ValueError, struct.error...)
        # means a damaged or incomplete file.
        raise ValidationError(
            _("«%(name)s» is damaged or incomplete: the image cannot be read.")
            % {"name": display_name},
            code="broken",
        ) from exc


def _check_pixels(image: Image.Image, display_name: str) -> None:
    # Pillow only warns between MAX_IMAGE_PIXELS and twice that; a warning does not stop a
    # worker from decoding a few gigabytes of pixels, so the warning zone is refused as well.
    # Checked by hand because switching warnings into errors is process-wide, not thread-safe.
    limit = Image.MAX_IMAGE_PIXELS
    if limit is not None and image.width * image.height > limit:
        raise _bomb(display_name)


def _empty(display_name: str) -> ValidationError:
    return ValidationError(_("«%(name)s» is empty.") % {"name": display_name}, code="empty")


def _too_large(display_name: str, max_bytes: int) -> ValidationError:
    return ValidationError(
        _("«%(name)s» is too large: the limit is %(limit)s MB.")
        % {"name": display_name, "limit": _format_mb(max_bytes)},
        code="too_large",
    )


def _bomb(display_name: str) -> ValidationError:
    # Reported as too large: to the user it is an image too big to process, whatever its bytes.
    return ValidationError(
        _("«%(name)s» is too large: the image has too many pixels to process.")
        % {"name": display_name},
        code="too_large",
    )


def _broken_pdf(display_name: str) -> ValidationError:
    return ValidationError(
        _("«%(name)s» is damaged or incomplete: the PDF cannot be read.") % {"name": display_name},
        code="broken",
    )


def _unsupported(display_name: str) -> ValidationError:
    return ValidationError(
        _("«%(name)s» is not in a supported format. Accepted formats: PDF, JPEG, PNG, TIFF.")
        % {"name": display_name},
        code="unsupported",
    )


def _format_mb(max_bytes: int) -> str:
    megabytes = max_bytes / _MIB
    if megabytes == int(megabytes):
        return number_format(int(megabytes))
    # Only tiny test limits get here; two decimals keep them from reading as "0".
    return number_format(max(megabytes, 0.01), decimal_pos=1 if megabytes >= 1 else 2)
