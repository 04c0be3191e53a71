"""The materialized public record of each certificate (Certificate.public_record).

The certificate page and the API detail are what QR codes and other systems hit, so each
certificate carries, in one JSON column, everything they show: the fields of the certificate
itself (Annex К, Л.4), its products, annexes, history and PDFs, the number and date of the
production-check act the decision rests on (GOST 8.17), and nothing else (nothing of the dossier,
the acts' contents, the votes, the grounds of a decision or who recorded it). A read is then one
indexed query returning ready data, whether the certificate was viewed before or never.

The record is rebuilt in the transaction of every change of what it shows (certification/
signals.py calls `registry_rebuild`): a save of the certificate, a change of its events,
annexes, products or PDFs. It holds the status as recorded; what the date does to it (GOST 8.6:
past its end date a certificate is expired, even before the nightly job records it) is applied
at each read (`registry.record_status`). The API detail made from it is kept ready to send in
two text columns, public_api as recorded and public_api_expired as it reads past the end date,
so that a request only picks one by the date. URLs in them start with SITE_URL: after changing
it, run `manage.py rebuild_registry_records`. Only signed certificates have a record (Л.4.6).

Layout (dates and times in ISO 8601, times in the project's time zone)::

    {"number", "status", "status_since", "status_protocol", "valid_from", "valid_to",
     "manufacturer_name", "manufacturer_address", "manufacturer_country", "product_type",
     "category": {"code", "name_ru", "name_en"} | null, "basis": protocol | null,
     "act": {"number", "date"} | null, "head_name",
     "pdf": pdf | null,
     "products": [product],
     "annexes": [{"number", "issued_at", "protocol", "products": [product], "pdf"}],
     "events": [{"id", "kind", "status", "at", "protocol", "annex"}]}
    protocol = {"number", "date"};  pdf = {"ready", "sha256", "size"};
    product = {"name", "category", "normative_document", "title", "batch"}
"""

from __future__ import annotations

import contextlib
import contextvars
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils import timezone

# What makes a product public: on the certificate, or in an issued annex; a requested one is
# not certified (GOST 8.18). registry.PUBLIC_PRODUCTS is the same rule for the search.
PUBLIC_PRODUCTS = Q(annex_request__isnull=True) | Q(annex__isnull=False)

# The columns read, one by one: the whitelist of what a record can contain.
CERTIFICATE_COLUMNS = (
    "id",
    "number",
    "status",
    "status_changed_at",
    "valid_from",
    "valid_to",
    "manufacturer_name",
    "manufacturer_address",
    "manufacturer_country",
    "product_type",
    "head_name",
    "category__code",
    "category__name_ru",
    "category__name_en",
    "meeting__protocol_number",
    "meeting__protocol_date",
)
EVENT_COLUMNS = (
    "certificate_id",
    "id",
    "kind",
    "status",
    "at",
    "meeting_id",
    "meeting__protocol_number",
    "meeting__protocol_date",
)
PRODUCT_COLUMNS = (
    "certificate_id",
    "name",
    "category__code",
    "normative_document__designation",
    "normative_document__title",
    "batch_text",
    "annex_id",
    "annex__number",
    "annex__issued_at",
    "annex__meeting_id",
    "annex__meeting__protocol_number",
    "annex__meeting__protocol_date",
)
PDF_COLUMNS = ("object_id", "status", "file", "sha256", "size")
# GOST 8.17: the act the decision rests on. Read only where the model has it: a data migration
# before certification 0012 builds records with historical models that lack the columns.
ACT_COLUMNS = ("act_number", "act_date")

READY = "ready"  # halal_portal.models.DocumentStatus.READY
LIVE = ("valid", "suspended")
ANNEX_EVENT = "annex"


@dataclass(frozen=True)
class RecordModels:
    """The models a record is read from: the project's, or a migration's historical ones."""

    certificate: Any
    event: Any
    product: Any
    document: Any

    @classmethod
    def current(cls) -> RecordModels:
        from halal_portal.models import RenderedDocument

        from .models import Certificate, CertificateEvent, CertificateProduct

        return cls(Certificate, CertificateEvent, CertificateProduct, RenderedDocument)


def _datetime(value) -> str:
    return timezone.localtime(value).isoformat()


def _protocol(number, date) -> dict | None:
    return {"number": number, "date": date.isoformat()} if number else None


def _pdf(row: tuple | None) -> dict | None:
    """None when the object has no PDF at all; not ready while queued, rendering or failed (the
    body's staff see why and retry it; the public only learns that it is not there yet)."""
    if row is None:
        return None
    status, file, sha256, size = row
    if status == READY and file and sha256:
        return {"ready": True, "sha256": sha256, "size": size}
    return {"ready": False, "sha256": None, "size": None}


def _pdfs(models: RecordModels, kind: str, model_name: str, ids: Iterable[int]) -> dict:
    rows = models.document.objects.filter(
        kind=kind,
        content_type__app_label="certification",
        content_type__model=model_name,
        object_id__in=list(ids),
    ).values_list(*PDF_COLUMNS)
    return {object_id: rest for object_id, *rest in rows}


def build_public_records(
    pks: Iterable[int], *, models: RecordModels | None = None
) -> dict[int, dict | None]:
    """The public record of each certificate of ``pks`` (None for one not signed yet): five
    queries for any number of certificates."""
    models = models or RecordModels.current()
    pks = list(pks)
    records: dict[int, dict | None] = dict.fromkeys(pks)
    fields = {f.name for f in models.certificate._meta.get_fields()}
    act_columns = ACT_COLUMNS if set(ACT_COLUMNS) <= fields else ()
    rows = list(
        models.certificate.objects.filter(pk__in=pks, signed_at__isnull=False)
        .order_by()
        .values_list(*CERTIFICATE_COLUMNS, *act_columns)
    )
    if not rows:
        return records
    ids = [row[0] for row in rows]
    certificate_pdfs = _pdfs(models, "certificate", "certificate", ids)

    products: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        models.product.objects.filter(PUBLIC_PRODUCTS, certificate_id__in=ids)
        .order_by("certificate_id", "order", "pk")
        .values_list(*PRODUCT_COLUMNS)
    ):
        products[row[0]].append(row[1:])
    annex_ids = {row[5] for rows_ in products.values() for row in rows_ if row[5] is not None}
    annex_pdfs = _pdfs(models, "certificate_annex", "certificateannex", annex_ids)

    events: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        models.event.objects.filter(certificate_id__in=ids)
        .order_by("certificate_id", "at", "pk")
        .values_list(*EVENT_COLUMNS)
    ):
        events[row[0]].append(row[1:])

    for row in rows:
        records[row[0]] = _record(
            row, certificate_pdfs.get(row[0]), products[row[0]], annex_pdfs, events[row[0]]
        )
    return records


def _record(row, pdf, product_rows, annex_pdfs, event_rows) -> dict:
    own_columns, act_columns = row[: len(CERTIFICATE_COLUMNS)], row[len(CERTIFICATE_COLUMNS) :]
    (pk, number, status, changed, valid_from, valid_to, name, address, country, product_type,
     head, code, name_ru, name_en, basis_number, basis_date) = own_columns  # fmt: skip
    act_number, act_date = act_columns or ("", None)
    own: list[dict] = []
    annexes: dict[int, dict] = {}
    annex_by_meeting: dict[int, int] = {}
    for (product, category, designation, title, batch, annex_id, annex_number, annex_issued,
         annex_meeting, annex_protocol, annex_date) in product_rows:  # fmt: skip
        item = {
            "name": product,
            "category": category,
            "normative_document": designation,
            "title": title,
            "batch": batch,
        }
        if annex_number is None:
            own.append(item)
            continue
        if annex_number not in annexes:
            annexes[annex_number] = {
                "number": annex_number,
                "issued_at": _datetime(annex_issued),
                "protocol": _protocol(annex_protocol, annex_date),
                "products": [],
                "pdf": _pdf(annex_pdfs.get(annex_id)),
            }
            annex_by_meeting.setdefault(annex_meeting, annex_number)
        annexes[annex_number]["products"].append(item)
    events = [
        {
            "id": e_pk,
            "kind": kind,
            "status": e_status,
            "at": _datetime(at),
            "protocol": _protocol(protocol, date),
            "annex": annex_by_meeting.get(meeting_id) if kind == ANNEX_EVENT else None,
        }
        for e_pk, kind, e_status, at, meeting_id, protocol, date in event_rows
    ]
    # The decision that set the current status: the latest event that moved it there.
    status_event = next(
        (e for e in reversed(events) if e["kind"] != ANNEX_EVENT and e["status"] == status), None
    )
    record = {
        "number": number,
        "status": status,
        "status_since": _datetime(changed),
        "status_protocol": status_event["protocol"] if status_event else None,
        "valid_from": valid_from.isoformat(),
        "valid_to": valid_to.isoformat(),
        "manufacturer_name": name,
        "manufacturer_address": address,
        "manufacturer_country": country,
        "product_type": product_type,
        "category": {"code": code, "name_ru": name_ru, "name_en": name_en} if code else None,
        "basis": _protocol(basis_number, basis_date),
        "act": {"number": act_number, "date": act_date.isoformat()} if act_number else None,
        "head_name": head,
        "pdf": _pdf(pdf),
        "products": own,
        "annexes": [annexes[n] for n in sorted(annexes)],
        "events": events,
    }
    return record


def api_answers(record: dict | None) -> tuple[str | None, str | None]:
    """The API detail ready to send, as recorded and, for a live certificate, as it reads once
    its end date has passed (GOST 8.6): a request picks one by the date and sends it as is."""
    if record is None:
        return None, None
    from .api_registry import record_payload  # the API's module reads these records

    expired = None
    if record["status"] in LIVE:
        expired = _json(record_payload(record, expired_by_date=True))
    return _json(record_payload(record, expired_by_date=False)), expired


def _json(data: dict) -> str:
    """As DRF's JSONRenderer writes it (UNICODE_JSON, COMPACT_JSON)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


COLUMNS = ["public_record", "public_api", "public_api_expired"]


def registry_rebuild(
    pks: Iterable[int], *, models: RecordModels | None = None, chunk_size: int = 1000
) -> int:
    """Rebuild and store the public records of the certificates ``pks`` (ids or a values_list),
    in the current transaction, a chunk at a time. Returns how many were written."""
    models = models or RecordModels.current()
    ids = sorted(set(pks))
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        records = build_public_records(chunk, models=models)
        objects = []
        for pk in chunk:
            api, api_expired = api_answers(records[pk])
            objects.append(
                models.certificate(
                    pk=pk, public_record=records[pk], public_api=api, public_api_expired=api_expired
                )
            )
        if len(objects) == 1:
            models.certificate.objects.filter(pk=chunk[0]).update(
                public_record=objects[0].public_record,
                public_api=objects[0].public_api,
                public_api_expired=objects[0].public_api_expired,
            )
        else:
            models.certificate.objects.bulk_update(objects, COLUMNS)
    return len(ids)


# The certificates whose records wait for the end of the open registry_batch (None: no batch).
_pending: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar(
    "registry_pending", default=None
)


def registry_changed(pks: Iterable[int]) -> None:
    """What certification/signals.py calls on a change of certificates ``pks``: their records
    are rebuilt now or, inside a registry_batch, once at its end."""
    pending = _pending.get()
    if pending is None:
        registry_rebuild(pks)
    else:
        pending.update(pks)


@contextlib.contextmanager
def registry_batch() -> Iterator[None]:
    """Rebuild each changed certificate's record once, at the end of the block, instead of on
    every save inside it: issuing a certificate saves it, its event, its annex and its PDF
    requests, each of which would rebuild the same record. Use it inside the transaction of the
    change (as a decorator under @transaction.atomic), so that the records are written before
    the commit, never after it. If the block raises, nothing is rebuilt: its transaction is
    rolled back. A batch inside a batch leaves the rebuild to the outer one."""
    if _pending.get() is not None:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("registry_batch() must run inside transaction.atomic()")
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    registry_rebuild(pending)


def registry_rebuild_all(*, models: RecordModels | None = None) -> int:
    """Every certificate's record (the data migration, the benchmark, and
    `manage.py rebuild_registry_records` after a change of the record's layout)."""
    models = models or RecordModels.current()
    return registry_rebuild(models.certificate.objects.values_list("pk", flat=True), models=models)
