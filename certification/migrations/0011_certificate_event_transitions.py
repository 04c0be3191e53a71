"""Existing certificate events get their transition, source and target: the transition from
the kind of event, the target from the status after it, the source from the status after the
certificate's previous event (the issue keeps the status it starts with)."""

from django.db import migrations

# CertificateEvent.KIND_OF as it stood when this migration was written, turned around.
TRANSITION_OF_KIND = {
    "issued": "issue",
    "annex": "annex",
    "suspended": "suspend",
    "resumed": "resume",
    "withdrawn": "withdraw",
    "expired": "expire",
}


def fill(apps, schema_editor):
    CertificateEvent = apps.get_model("certification", "CertificateEvent")
    before: dict[int, str] = {}
    changed = []
    for event in CertificateEvent.objects.order_by("certificate_id", "at", "pk").iterator():
        event.transition = TRANSITION_OF_KIND[event.kind]
        event.source = before.get(event.certificate_id, event.status)
        event.target = event.status
        before[event.certificate_id] = event.status
        changed.append(event)
    CertificateEvent.objects.bulk_update(changed, ["transition", "source", "target"], 500)


class Migration(migrations.Migration):
    dependencies = [("certification", "0010_transition_log_shape")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
