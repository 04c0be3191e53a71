"""The materialized public record of each signed certificate (PublicRecord).

It holds everything the certificate page and the API detail show: the fields of the
certificate itself (Annex К, Л.4), its products, annexes, history and PDFs, and nothing else
(nothing of the dossier, the acts, the votes, the grounds of a decision or who recorded it).
It is rebuilt in the transaction of every change of what it shows (receivers.py), and the
cached answers made from it are dropped when that transaction commits (answers.py). It holds
the status as recorded; what the date does to it (GOST 8.6: past its end date a certificate is
expired, even before the nightly job records it) is applied when an answer is made.

Layout (dates and times in ISO 8601, times in the project's time zone)::

    {"number", "status", "status_since", "status_protocol", "valid_from", "valid_to",
     "manufacturer_name", "manufacturer_address", "manufacturer_country", "product_type",
     "category": {"code", "name_ru", "name_en"} | null, "basis": protocol | null, "head_name",
     "pdf": pdf | null,
     "products": [product],
     "annexes": [{"number", "issued_at", "protocol", "products": [product], "pdf"}],
     "events": [{"id", "kind", "status", "at", "protocol", "annex"}]}
    protocol = {"number", "date"};  pdf = {"ready", "sha256", "size"};
    product = {"name", "category", "normative_document", "title", "batch"}

A change of this layout needs `manage.py rebuild_registry_records` (and a data migration that
carries its own copy of the builder, as certification 0006 does).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from certification.models import (
    Certificate,
    CertificateEvent,
    CertificateProduct,
)
from halal_portal.models import DocumentStatus, RenderedDocument

from . import answers
from .models import PublicRecord
from .selectors import PUBLIC_PRODUCTS

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
    if status == DocumentStatus.READY and file and sha256:
        return {"ready": True, "sha256": sha256, "size": size}
    return {"ready": False, "sha256": None, "size": None}


def _pdfs(kind: str, model_name: str, ids: Iterable[int]) -> dict:
    rows = RenderedDocument.objects.filter(
        kind=kind,
        content_type__app_label="certification",
        content_type__model=model_name,
        object_id__in=list(ids),
    ).values_list(*PDF_COLUMNS)
    return {object_id: rest for object_id, *rest in rows}


def build_public_records(pks: Iterable[int]) -> dict[int, dict | None]:
    """The public record of each certificate of ``pks`` (None for one not signed yet): five
    queries for any number of certificates."""
    pks = list(pks)
    records: dict[int, dict | None] = dict.fromkeys(pks)
    rows = list(
        Certificate.objects.filter(pk__in=pks, signed_at__isnull=False)
        .order_by()
        .values_list(*CERTIFICATE_COLUMNS)
    )
    if not rows:
        return records
    ids = [row[0] for row in rows]
    certificate_pdfs = _pdfs("certificate", "certificate", ids)

    products: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        CertificateProduct.objects.filter(PUBLIC_PRODUCTS, certificate_id__in=ids)
        .order_by("certificate_id", "order", "pk")
        .values_list(*PRODUCT_COLUMNS)
    ):
        products[row[0]].append(row[1:])
    annex_ids = {row[5] for rows_ in products.values() for row in rows_ if row[5] is not None}
    annex_pdfs = _pdfs("certificate_annex", "certificateannex", annex_ids)

    events: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        CertificateEvent.objects.filter(certificate_id__in=ids)
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
    (pk, number, status, changed, valid_from, valid_to, name, address, country, product_type,
     head, code, name_ru, name_en, basis_number, basis_date) = row  # fmt: skip
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
            "annex": annex_by_meeting.get(meeting_id)
            if kind == CertificateEvent.Kind.ANNEX
            else None,
        }
        for e_pk, kind, e_status, at, meeting_id, protocol, date in event_rows
    ]
    # The decision that set the current status: the latest event that moved it there.
    status_event = next(
        (
            e
            for e in reversed(events)
            if e["kind"] != CertificateEvent.Kind.ANNEX and e["status"] == status
        ),
        None,
    )
    return {
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
        "head_name": head,
        "pdf": _pdf(pdf),
        "products": own,
        "annexes": [annexes[n] for n in sorted(annexes)],
        "events": events,
    }


def registry_rebuild(pks: Iterable[int], *, chunk_size: int = 1000) -> int:
    """Rebuild and store the public records of the certificates ``pks`` (ids or a values_list),
    in the current transaction, a chunk at a time; their cached answers are dropped when it
    commits. Returns how many certificates were looked at."""
    ids = sorted(set(pks))
    for start in range(0, len(ids), chunk_size):
        records = build_public_records(ids[start : start + chunk_size])
        public = [
            PublicRecord(certificate_id=pk, record=record)
            for pk, record in records.items()
            if record is not None
        ]
        PublicRecord.objects.bulk_create(
            public,
            update_conflicts=True,
            unique_fields=["certificate"],
            update_fields=["record"],
        )
        # A certificate that is not public (not signed, Л.4.6) has no record.
        unsigned = [pk for pk, record in records.items() if record is None]
        if unsigned:
            PublicRecord.objects.filter(certificate_id__in=unsigned).delete()
        numbers = [record["number"] for record in records.values() if record is not None]
        transaction.on_commit(lambda numbers=numbers: answers.forget(numbers), robust=True)
    return len(ids)


def registry_rebuild_all() -> int:
    """Every certificate's record (`manage.py rebuild_registry_records` after a change of the
    record's layout or of SITE_URL, the benchmark)."""
    return registry_rebuild(Certificate.objects.values_list("pk", flat=True))
