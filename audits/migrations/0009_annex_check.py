import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0008_production_act_number"),
        ("certification", "0003_commission_certificates_fees"),
    ]

    operations = [
        migrations.AddField(
            model_name="productioncheck",
            name="annex_request",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="production_checks",
                to="certification.annexrequest",
                verbose_name="annex request",
            ),
        ),
    ]
