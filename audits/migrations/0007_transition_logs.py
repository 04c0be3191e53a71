"""Every state machine of the audits keeps a transition log of one shape
(halal_portal.models.TransitionLogBase): the program of the check, the sampling act and the
sample get one; the production-check act's log takes the shape (a nameless entry allowed, for
what the system records)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audits', '0006_state_field_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='acttransition',
            name='at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='at'),
        ),
        migrations.AlterField(
            model_name='acttransition',
            name='by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AlterField(
            model_name='acttransition',
            name='source',
            field=models.CharField(max_length=30, verbose_name='from'),
        ),
        migrations.AlterField(
            model_name='acttransition',
            name='target',
            field=models.CharField(max_length=30, verbose_name='to'),
        ),
        migrations.AlterField(
            model_name='acttransition',
            name='transition',
            field=models.CharField(max_length=50, verbose_name='action'),
        ),
        migrations.CreateModel(
            name='CheckTransition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('transition', models.CharField(max_length=50, verbose_name='action')),
                ('source', models.CharField(max_length=30, verbose_name='from')),
                ('target', models.CharField(max_length=30, verbose_name='to')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('production_check', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='audits.productioncheck')),
            ],
            options={
                'verbose_name': 'status change of the check',
                'verbose_name_plural': 'status changes of the check',
                'ordering': ['at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='SampleTransition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('transition', models.CharField(max_length=50, verbose_name='action')),
                ('source', models.CharField(max_length=30, verbose_name='from')),
                ('target', models.CharField(max_length=30, verbose_name='to')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('sample', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='audits.sample')),
            ],
            options={
                'verbose_name': 'status change of the sample',
                'verbose_name_plural': 'status changes of the sample',
                'ordering': ['at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='SamplingActTransition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('transition', models.CharField(max_length=50, verbose_name='action')),
                ('source', models.CharField(max_length=30, verbose_name='from')),
                ('target', models.CharField(max_length=30, verbose_name='to')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('act', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='audits.samplingact')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
            ],
            options={
                'verbose_name': 'status change of the sampling act',
                'verbose_name_plural': 'status changes of the sampling act',
                'ordering': ['at', 'pk'],
                'abstract': False,
            },
        ),
    ]
