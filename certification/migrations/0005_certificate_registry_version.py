import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    """Certificate.registry_version: the stamp the public registry keyed its cached answers by
    (replaced by the materialized public record in 0006)."""

    dependencies = [
        ("certification", "0004_registry_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="registry_version",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
    ]
