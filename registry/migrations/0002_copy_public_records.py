from django.db import migrations


def copy_forward(apps, schema_editor):
    """Each certificate's public record, from the column certification 0006 filled, into its
    PublicRecord (the layout is the same)."""
    certificate = apps.get_model("certification", "Certificate")
    public_record = apps.get_model("registry", "PublicRecord")
    rows = (
        certificate.objects.filter(public_record__isnull=False)
        .order_by("pk")
        .values_list("pk", "public_record")
    )
    batch = []
    for pk, record in rows.iterator(chunk_size=1000):
        batch.append(public_record(certificate_id=pk, record=record))
        if len(batch) == 1000:
            public_record.objects.bulk_create(batch)
            batch = []
    public_record.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    """The records back into the column (the API answers it also held are rebuilt by the
    rebuild_registry_records command of that older code)."""
    certificate = apps.get_model("certification", "Certificate")
    public_record = apps.get_model("registry", "PublicRecord")
    for pk, record in public_record.objects.values_list("certificate_id", "record").iterator():
        certificate.objects.filter(pk=pk).update(public_record=record)


class Migration(migrations.Migration):
    """The materialized public record moves from a column of Certificate to PublicRecord."""

    dependencies = [
        ("registry", "0001_public_record"),
    ]
    # The column is dropped once it is copied.
    run_before = [
        ("certification", "0008_remove_certificate_public_record"),
    ]

    operations = [
        migrations.RunPython(copy_forward, copy_back),
    ]
