from django.db import migrations, models


def fill(apps, schema_editor):
    """Every existing certificate's public record, built from the historical models."""
    from certification.registry_records import RecordModels, registry_rebuild_all

    registry_rebuild_all(
        models=RecordModels(
            certificate=apps.get_model("certification", "Certificate"),
            event=apps.get_model("certification", "CertificateEvent"),
            product=apps.get_model("certification", "CertificateProduct"),
            document=apps.get_model("halal_portal", "RenderedDocument"),
        )
    )


class Migration(migrations.Migration):
    """Certificate.public_record: what the public registry shows of a certificate, materialized,
    and public_api / public_api_expired: its API detail ready to send (they replace
    registry_version, the stamp cached answers were keyed by)."""

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
