"""GOST 8.9: the declaration is signed by the organization's head. Existing organizations get
their managing member as head (the admin changes it if someone else heads it), so their
declarations stay signable."""

from django.db import migrations


def load(apps, schema_editor):
    Membership = apps.get_model("accounts", "Membership")
    Membership.objects.filter(is_admin=True).update(is_head=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_membership_head")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
