from collections import defaultdict

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone

# What follows is a frozen copy of the public registry's record builder as it was when this
# migration was written (the layout registry/records.py still builds): a migration must not run
# live code, which changes after it. It fills Certificate.public_record, which registry's
# migration 0002 copies into registry.PublicRecord before certification 0008 drops the column.
# public_api and public_api_expired are left empty: nothing reads them after 0008.

PUBLIC_PRODUCTS = Q(annex_request__isnull=True) | Q(annex__isnull=False)
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


def _datetime(value):
    return timezone.localtime(value).isoformat()


def _protocol(number, date):
    return {"number": number, "date": date.isoformat()} if number else None


def _pdf(row):
    if row is None:
        return None
    status, file, sha256, size = row
    if status == "ready" and file and sha256:
        return {"ready": True, "sha256": sha256, "size": size}
    return {"ready": False, "sha256": None, "size": None}


def _pdfs(document, kind, model_name, ids):
    rows = document.objects.filter(
        kind=kind,
        content_type__app_label="certification",
        content_type__model=model_name,
        object_id__in=list(ids),
    ).values_list("object_id", "status", "file", "sha256", "size")
    return {object_id: rest for object_id, *rest in rows}


def build_records(apps, pks):
    """{certificate id: its public record} for the signed certificates of ``pks``."""
    certificate = apps.get_model("certification", "Certificate")
    event = apps.get_model("certification", "CertificateEvent")
    product = apps.get_model("certification", "CertificateProduct")
    document = apps.get_model("halal_portal", "RenderedDocument")
    rows = list(
        certificate.objects.filter(pk__in=pks, signed_at__isnull=False)
        .order_by()
        .values_list(*CERTIFICATE_COLUMNS)
    )
    ids = [row[0] for row in rows]
    certificate_pdfs = _pdfs(document, "certificate", "certificate", ids)
    products = defaultdict(list)
    for row in (
        product.objects.filter(PUBLIC_PRODUCTS, certificate_id__in=ids)
        .order_by("certificate_id", "order", "pk")
        .values_list(*PRODUCT_COLUMNS)
    ):
        products[row[0]].append(row[1:])
    annex_ids = {r[5] for rows_ in products.values() for r in rows_ if r[5] is not None}
    annex_pdfs = _pdfs(document, "certificate_annex", "certificateannex", annex_ids)
    events = defaultdict(list)
    for row in (
        event.objects.filter(certificate_id__in=ids)
        .order_by("certificate_id", "at", "pk")
        .values_list(*EVENT_COLUMNS)
    ):
        events[row[0]].append(row[1:])
    return {
        row[0]: _record(
            row, certificate_pdfs.get(row[0]), products[row[0]], annex_pdfs, events[row[0]]
        )
        for row in rows
    }


def _record(row, pdf, product_rows, annex_pdfs, event_rows):
    (pk, number, status, changed, valid_from, valid_to, name, address, country, product_type,
     head, code, name_ru, name_en, basis_number, basis_date) = row  # fmt: skip
    own, annexes, annex_by_meeting = [], {}, {}
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
            "annex": annex_by_meeting.get(meeting_id) if kind == "annex" else None,
        }
        for e_pk, kind, e_status, at, meeting_id, protocol, date in event_rows
    ]
    status_event = next(
        (e for e in reversed(events) if e["kind"] != "annex" and e["status"] == status), None
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


def fill(apps, schema_editor):
    """Every existing certificate's public record, built from the historical models."""
    certificate = apps.get_model("certification", "Certificate")
    ids = sorted(certificate.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        records = build_records(apps, ids[start : start + 1000])
        for pk, record in records.items():
            certificate.objects.filter(pk=pk).update(public_record=record)


class Migration(migrations.Migration):
    """Certificate.public_record: what the public registry shows of a certificate, materialized,
    and public_api / public_api_expired: its API detail ready to send (they replace
    registry_version, the stamp cached answers were keyed by). All three move to
    registry.PublicRecord (registry 0001, 0002; certification 0008)."""

    dependencies = [
        ("certification", "0005_certificate_registry_version"),
        ("halal_portal", "0001_rendered_documents"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="certificate",
            name="registry_version",
        ),
        migrations.AddField(
            model_name="certificate",
            name="public_record",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="certificate",
            name="public_api",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="certificate",
            name="public_api_expired",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
