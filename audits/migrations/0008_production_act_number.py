from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audits", "0007_program_date_changes")]

    operations = [
        migrations.AddField(
            model_name="productioncheckact",
            name="number",
            field=models.PositiveIntegerField(
                blank=True, null=True, unique=True, verbose_name="act No."
            ),
        ),
    ]
