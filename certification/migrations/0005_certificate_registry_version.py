import uuid

from django.db import migrations, models

_NIL = "0" * 32  # a valid UUID (nil) for the rows that exist; every save gives a fresh one


class AddFieldWithoutRebuild(migrations.AddField):
    """AddField that, on SQLite, adds the column with ALTER TABLE instead of rebuilding the table:
    the rebuild would recreate every index of the model state, the PostgreSQL-only trigram
    indexes of 0004 among them, which SQLite rejects."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        table = schema_editor.quote_name(model._meta.db_table)
        column = schema_editor.quote_name(field.column)
        kind = field.db_type(schema_editor.connection)
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} {kind} NOT NULL DEFAULT '{_NIL}'"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        model = from_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        table = schema_editor.quote_name(model._meta.db_table)
        schema_editor.execute(
            f"ALTER TABLE {table} DROP COLUMN {schema_editor.quote_name(field.column)}"
        )


class Migration(migrations.Migration):
    """Certificate.registry_version: the stamp the public registry keys its cached answers by."""

    dependencies = [
        ("certification", "0004_registry_search"),
    ]

    operations = [
        AddFieldWithoutRebuild(
            model_name="certificate",
            name="registry_version",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
    ]
