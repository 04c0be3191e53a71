"""The new logs start with the history the records already stamp: a check's creation, approval
and start; a sampling act's creation and two signatures; a sample's delivery and each laboratory
report. Who created a sampling act was not recorded: that entry has no name."""

from django.db import migrations

# The states as they stood when this migration was written (CheckStatus, ActStatus,
# SampleStatus in audits/models).
CHECK_DRAFT, CHECK_APPROVED, CHECK_IN_PROGRESS = "draft", "approved", "in_progress"
ACT_DRAFT, ACT_SIGNED_BY_AUDITOR, ACT_SIGNED = "draft", "signed_by_auditor", "signed"
SAMPLE_TAKEN, SAMPLE_DELIVERED, SAMPLE_TESTED = "taken", "delivered", "tested"


def _checks(apps):
    ProductionCheck = apps.get_model("audits", "ProductionCheck")
    CheckTransition = apps.get_model("audits", "CheckTransition")
    for check in ProductionCheck.objects.iterator():
        entries = [("create", CHECK_DRAFT, CHECK_DRAFT, check.created_by_id, check.created_at)]
        if check.approved_at:
            entries.append(
                ("approve", CHECK_DRAFT, CHECK_APPROVED, check.approved_by_id, check.approved_at)
            )
        if check.started_at:
            entries.append(
                ("start", CHECK_APPROVED, CHECK_IN_PROGRESS, check.started_by_id, check.started_at)
            )
        yield from (
            CheckTransition(
                production_check=check, transition=t, source=s, target=g, by_id=b, at=a
            )
            for t, s, g, b, a in entries
        )


def _acts(apps):
    SamplingAct = apps.get_model("audits", "SamplingAct")
    SamplingActTransition = apps.get_model("audits", "SamplingActTransition")
    for act in SamplingAct.objects.iterator():
        entries = [("create", ACT_DRAFT, ACT_DRAFT, None, act.created_at)]
        if act.auditor_signed_at:
            entries.append(
                (
                    "sign_as_auditor",
                    ACT_DRAFT,
                    ACT_SIGNED_BY_AUDITOR,
                    act.auditor_id,
                    act.auditor_signed_at,
                )
            )
        if act.applicant_signed_at:
            entries.append(
                (
                    "sign_as_applicant",
                    ACT_SIGNED_BY_AUDITOR,
                    ACT_SIGNED,
                    act.applicant_signed_by_id,
                    act.applicant_signed_at,
                )
            )
        yield from (
            SamplingActTransition(act=act, transition=t, source=s, target=g, by_id=b, at=a)
            for t, s, g, b, a in entries
        )


def _samples(apps):
    Sample = apps.get_model("audits", "Sample")
    SampleTransition = apps.get_model("audits", "SampleTransition")
    LabReport = apps.get_model("audits", "LabReport")
    for sample in Sample.objects.exclude(delivery_recorded_at=None).iterator():
        yield SampleTransition(
            sample=sample,
            transition="deliver",
            source=SAMPLE_TAKEN,
            target=SAMPLE_DELIVERED,
            by_id=sample.delivery_recorded_by_id,
            at=sample.delivery_recorded_at,
        )
        source = SAMPLE_DELIVERED
        for report in LabReport.objects.filter(sample=sample).order_by("uploaded_at", "pk"):
            yield SampleTransition(
                sample=sample,
                transition="record_test",
                source=source,
                target=SAMPLE_TESTED,
                by_id=report.uploaded_by_id,
                at=report.uploaded_at,
                comment=f"№ {report.number}",
            )
            source = SAMPLE_TESTED


def fill(apps, schema_editor):
    for entries, model in (
        (_checks(apps), "CheckTransition"),
        (_acts(apps), "SamplingActTransition"),
        (_samples(apps), "SampleTransition"),
    ):
        apps.get_model("audits", model).objects.bulk_create(entries, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("audits", "0007_transition_logs")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
