"""One name for the field a state machine keeps its state in: `state`, as the application and
the production-check act already call it (the program, the sampling act and the sample called it
`status`). The column is renamed; nothing else changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("audits", "0005_checklist_annex_zh")]

    operations = [
        migrations.RenameField(model_name="productioncheck", old_name="status", new_name="state"),
        migrations.RenameField(model_name="samplingact", old_name="status", new_name="state"),
        migrations.RenameField(model_name="sample", old_name="status", new_name="state"),
    ]
