"""The application's log and the certificate's events take the one shape of a transition log
(halal_portal.models.TransitionLogBase): the events gain transition, source and target beside
their kind and status, which the public registry keeps reading."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0009_outgoing_letter_register"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="certificateevent",
            name="transition",
            field=models.CharField(default="", max_length=50, verbose_name="action"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="certificateevent",
            name="source",
            field=models.CharField(default="", max_length=30, verbose_name="from"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="certificateevent",
            name="target",
            field=models.CharField(default="", max_length=30, verbose_name="to"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="transitionlog",
            name="by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
        migrations.AlterField(
            model_name="transitionlog",
            name="source",
            field=models.CharField(max_length=30, verbose_name="from"),
        ),
        migrations.AlterField(
            model_name="transitionlog",
            name="target",
            field=models.CharField(max_length=30, verbose_name="to"),
        ),
    ]
