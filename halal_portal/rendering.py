"""Rendered documents: the kinds an app registers, and the services that request, render and
retry them.

An app declares its documents in ``<app>/documents.py`` with :func:`register` (found by
autodiscovery, like admin modules), and with :func:`register_page` the documents card of a page
that shows more than the documents made from its own object (an application's page also lists
its conclusion and decision letters). The core knows no app's models.

A service that issues something calls :func:`document_request` inside its transaction: the row
and its snapshot are written with the issued data, and the render task is sent after commit. The
task calls :func:`document_render`, which is idempotent: a ready document is left alone, an
unfinished one is rendered again into the same row and the same file.
"""

import datetime
import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from .models import DocumentStatus, RenderedDocument, document_upload_to

logger = logging.getLogger(__name__)

# A document queued or rendering for longer than this has lost its task (broker down, worker
# killed past its time limit): the sweep sends it again and staff may retry it.
STALE_AFTER = datetime.timedelta(minutes=10)
# The sweep gives up on a document after this many attempts and marks it failed.
MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class DocumentKind:
    """How one kind of document is made from one kind of object."""

    kind: str
    label: Any  # lazy translated name, e.g. "Certificate (Annex К)"
    model: type[models.Model]
    template: str
    # The object's data as printed, as plain JSON, read when the document is issued.
    snapshot: Callable[[Any], dict]
    # The template's context, built from the snapshot alone (no database).
    context: Callable[[dict], dict]
    # The download name, from the snapshot.
    filename: Callable[[dict], str]
    # The objects whose document ``user`` may download (outsiders get 404).
    visible_to: Callable[[Any], QuerySet]
    # The title of one document on the pages, in the reader's language; the label by default.
    describe: Callable[[dict], str] | None = None
    # Issued by the body in its own name (certificates, annexes, protocols, acts, decisions):
    # the stored PDF carries the body's PAdES signature (halal_portal/signing.py).
    signed: bool = False


@dataclass(frozen=True)
class DocumentPage:
    """The documents card on the page of one model's objects."""

    model: type[models.Model]
    # The (kind, object) pairs the card lists, in order; an object may be None (not issued).
    documents: Callable[[Any], list[tuple[str, Any]]]
    # A block the card adds for the reader (the «Halal» sign on a certificate's page): its
    # template, and its context for (object, user) or None when there is nothing to show.
    extra_template: str = ""
    extra: Callable[[Any, Any], dict | None] | None = None


_KINDS: dict[str, DocumentKind] = {}
_PAGES: dict[type[models.Model], DocumentPage] = {}
_discovered = False


def register(kind: DocumentKind) -> DocumentKind:
    _KINDS[kind.kind] = kind
    return kind


def register_page(page: DocumentPage) -> DocumentPage:
    _PAGES[page.model] = page
    return page


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("documents")
        _discovered = True


def kinds() -> dict[str, DocumentKind]:
    _discover()
    return _KINDS


def page_of(obj: models.Model) -> DocumentPage:
    """The documents card of ``obj``'s page: as registered for its model, else the documents of
    every kind made from that model."""
    _discover()
    for model, page in _PAGES.items():
        if isinstance(obj, model):
            return page
    return DocumentPage(
        model=type(obj),
        documents=lambda o: [
            (name, o) for name, kind in _KINDS.items() if isinstance(o, kind.model)
        ],
    )


def kind_of(name: str) -> DocumentKind:
    try:
        return kinds()[name]
    except KeyError:
        raise LookupError(f"No document kind {name!r} is registered") from None


def _as_json(data: dict) -> dict:
    """What the JSON field will give back: tuples become lists, dates strings."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def take_snapshot(kind: DocumentKind, obj) -> dict:
    # Documents are issued in the site's language, whatever the language of the request.
    with translation.override(settings.LANGUAGE_CODE):
        return _as_json(kind.snapshot(obj))


# --- services ---------------------------------------------------------------------------------


def document_request(kind: str, obj, *, refresh: bool = False) -> RenderedDocument:
    """Make sure ``obj`` has its ``kind`` document, rendered after the caller's commit.

    Call it inside the transaction that issues ``obj``. A second call finds the same row; with
    ``refresh`` (an application resubmitted, a conclusion rewritten) a changed snapshot replaces
    the old one and the document is rendered again into the same file.
    """
    spec = kind_of(kind)
    snapshot = take_snapshot(spec, obj)
    content_type = ContentType.objects.get_for_model(obj)
    document, created = RenderedDocument.objects.get_or_create(
        kind=kind, content_type=content_type, object_id=obj.pk, defaults={"snapshot": snapshot}
    )
    if not created:
        if not refresh:
            return document
        document = RenderedDocument.objects.select_for_update().get(pk=document.pk)
        if document.snapshot == snapshot:
            return document
        document.snapshot = snapshot
        document.status = DocumentStatus.QUEUED
        document.failure_reason = ""
        document.attempts = 0
        document.save(
            update_fields=["snapshot", "status", "failure_reason", "attempts", "updated_at"]
        )
    _dispatch_on_commit(document.pk)
    return document


def _dispatch_on_commit(document_id: int) -> None:
    # robust: a broker that is down must not fail the request whose data is already committed;
    # the document stays queued and the sweep (or staff) sends it again.
    def dispatch() -> None:
        from .tasks import render_document_task

        render_document_task.delay(document_id)

    transaction.on_commit(dispatch, robust=True)


def render_bytes(kind: str, snapshot: dict) -> bytes:
    """The PDF of a snapshot; WeasyPrint is imported only here, on first use."""
    from .pdf import render_pdf

    spec = kind_of(kind)
    return render_pdf(spec.template, spec.context(snapshot))


def issue_bytes(kind: str, snapshot: dict) -> bytes:
    """The PDF as it is stored and handed out: rendered, then signed by the body if its kind is
    signed. Signing never falls back to an unsigned file: without the body's key it raises
    SigningNotConfigured, and the render is recorded as failed (the task retries it)."""
    pdf = render_bytes(kind, snapshot)
    spec = kind_of(kind)
    if not spec.signed:
        return pdf
    from .signing import sign_pdf

    with translation.override(settings.LANGUAGE_CODE):
        reason = str(spec.label)
    return sign_pdf(pdf, reason=reason)


def document_render(*, document_id: int) -> str:
    """Render one document into its row and file. Safe to run again and concurrently:

    - a ready document is left as it is ("ready");
    - a queued, rendering (its render died) or failed one is rendered and its file overwritten;
    - if the snapshot changed while rendering, the newer request's own task renders it ("stale").
    """
    with transaction.atomic():
        document = RenderedDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None:
            return "gone"
        if document.is_ready:
            return "ready"
        document.status = DocumentStatus.RENDERING
        document.attempts += 1
        document.save(update_fields=["status", "attempts", "updated_at"])
    snapshot = document.snapshot
    pdf = issue_bytes(document.kind, snapshot)
    with transaction.atomic():
        document = RenderedDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None:
            return "gone"
        if document.snapshot != snapshot:
            return "stale"
        if document.is_ready:
            return "ready"
        _store(document, pdf)
    return "rendered"


def _store(document: RenderedDocument, pdf: bytes) -> None:
    """Write the PDF under the row's one file name, replacing whatever an earlier try left; its
    SHA-256 is that of the file as stored (signed, for a signed kind)."""
    name = document_upload_to(document, "")
    storage = document.file.storage
    if document.file and document.file.name != name:
        storage.delete(document.file.name)
    storage.delete(name)
    document.file.name = storage.save(name, ContentFile(pdf))
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.size = len(pdf)
    document.status = DocumentStatus.READY
    document.failure_reason = ""
    document.rendered_at = timezone.now()
    document.save()


def document_mark(*, document_id: int, status: str, reason: str) -> None:
    """Record a failed try: queued again while retries remain, failed when they are spent."""
    RenderedDocument.objects.filter(pk=document_id).exclude(status=DocumentStatus.READY).update(
        status=status, failure_reason=reason[:2000], updated_at=timezone.now()
    )


def can_retry(document: RenderedDocument, *, now: datetime.datetime | None = None) -> bool:
    """A failed document, or one whose task was lost (queued or rendering for too long)."""
    if document.status == DocumentStatus.FAILED:
        return True
    now = now or timezone.now()
    return document.is_pending and document.updated_at < now - STALE_AFTER


@transaction.atomic
def document_retry(*, document: RenderedDocument, by) -> RenderedDocument:
    """Staff send a failed render again (the secretary keeps the body's documents)."""
    if not by.is_secretary:
        raise PermissionDenied
    document = RenderedDocument.objects.select_for_update().get(pk=document.pk)
    if not can_retry(document):
        raise ValidationError(_("Only a failed document can be rendered again."))
    document.status = DocumentStatus.QUEUED
    document.failure_reason = ""
    document.attempts = 0
    document.save(update_fields=["status", "failure_reason", "attempts", "updated_at"])
    _dispatch_on_commit(document.pk)
    return document


def documents_redispatch(*, now: datetime.datetime | None = None) -> int:
    """The sweep: send again every document whose task was lost; give up after MAX_ATTEMPTS."""
    now = now or timezone.now()
    stale = RenderedDocument.objects.filter(
        status__in=[DocumentStatus.QUEUED, DocumentStatus.RENDERING],
        updated_at__lt=now - STALE_AFTER,
    )
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("The render did not finish after %(count)s attempts.") % {"count": MAX_ATTEMPTS}
    stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=DocumentStatus.FAILED, failure_reason=reason, updated_at=now
    )
    count = 0
    for pk in stale.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True):
        with transaction.atomic():
            # Touch the row so the next sweep waits STALE_AFTER again before resending it.
            RenderedDocument.objects.filter(pk=pk).update(updated_at=now)
            _dispatch_on_commit(pk)
        count += 1
    return count


# --- selectors --------------------------------------------------------------------------------


def document_is_visible(user, document: RenderedDocument) -> bool:
    """Whether ``user`` may see ``document``: the object's own selector decides."""
    spec = kinds().get(document.kind)
    if spec is None or not user.is_authenticated:
        return False
    return spec.visible_to(user).filter(pk=document.object_id).exists()


def documents_for(user, objects: Iterable[tuple[str, models.Model]]) -> list[RenderedDocument]:
    """The documents of ``(kind, object)`` pairs that ``user`` may see, in the given order."""
    pairs = [(kind, obj) for kind, obj in objects if obj is not None and obj.pk]
    if not pairs:
        return []
    query = Q()
    for kind, obj in pairs:
        query |= Q(
            kind=kind,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
        )
    found = {(d.kind, d.object_id): d for d in RenderedDocument.objects.filter(query)}
    visible: dict[str, set[int]] = {}
    for kind in {kind for kind, _obj in pairs}:
        ids = [obj.pk for k, obj in pairs if k == kind]
        visible[kind] = set(
            kind_of(kind).visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
        )
    return [
        found[(kind, obj.pk)]
        for kind, obj in pairs
        if (kind, obj.pk) in found and obj.pk in visible[kind]
    ]


def document_title(document: RenderedDocument) -> str:
    spec = kinds().get(document.kind)
    if spec is None:
        return document.kind
    return spec.describe(document.snapshot) if spec.describe else str(spec.label)


def document_filename(document: RenderedDocument) -> str:
    spec = kinds().get(document.kind)
    return spec.filename(document.snapshot) if spec else f"{document.kind}.pdf"
