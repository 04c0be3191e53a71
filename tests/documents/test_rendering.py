"""Requesting, rendering and retrying documents (halal_portal/rendering.py, tasks.py)."""

import datetime
import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from certification import services
from halal_portal import rendering
from halal_portal.models import DocumentStatus, RenderedDocument
from halal_portal.tasks import render_document_task
from tests.certification.workflow import check_production, decide

from .helpers import pdf_text

pytestmark = pytest.mark.django_db


def document_of(kind: str, obj) -> RenderedDocument:
    return RenderedDocument.objects.get(kind=kind, object_id=obj.pk)


def rendered(kind: str, obj) -> RenderedDocument:
    document = document_of(kind, obj)
    render_document_task.delay(document.pk)
    document.refresh_from_db()
    return document


def test_issuing_renders_the_certificate_after_commit(
    reviewed, secretary, commission, django_capture_on_commit_callbacks
):
    decide(reviewed, "proceed", secretary=secretary, members=commission)
    check_production(reviewed, secretary=secretary)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            reviewed,
            "issue",
            secretary=secretary,
            members=commission,
            valid_from=today,
            valid_to=today + datetime.timedelta(days=365),
        )
    document = document_of("certificate", reviewed.certificate)
    assert document.status == DocumentStatus.READY and document.file.read(5) == b"%PDF-"
    assert document.sha256 == hashlib.sha256(document.file.open("rb").read()).hexdigest()


def test_nothing_is_sent_before_the_commit(
    reviewed, secretary, commission, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        item = decide(reviewed, "proceed", secretary=secretary, members=commission)
    assert document_of("protocol", item.meeting).status == DocumentStatus.QUEUED
    assert len(callbacks) >= 1


def test_each_closed_meeting_has_one_protocol_and_letters_only_for_the_applicants_decisions(
    reviewed, secretary, commission
):
    proceed = decide(reviewed, "proceed", secretary=secretary, members=commission)
    refuse = decide(reviewed, "refuse", secretary=secretary, members=commission, grounds="Свинина")
    kinds = sorted(RenderedDocument.objects.values_list("kind", flat=True))
    assert kinds == ["application", "decision_letter", "protocol", "protocol"]
    assert document_of("decision_letter", refuse).object_id != proceed.pk


def test_task_twice_makes_one_document_with_one_file(certified, settings):
    first = rendered("certificate", certified)
    render_document_task.delay(first.pk)  # a retry or a second delivery
    second = document_of("certificate", certified)
    files = list(Path(settings.MEDIA_ROOT, "documents", "certificate").iterdir())
    assert RenderedDocument.objects.filter(kind="certificate").count() == 1
    assert second.rendered_at == first.rendered_at and len(files) == 1


def test_render_that_died_midway_renders_again_into_the_same_file(certified, settings):
    document = document_of("certificate", certified)
    leftover = Path(settings.MEDIA_ROOT, "documents", "certificate", f"{document.pk}.pdf")
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half a PDF")  # the worker was killed after writing, before the row
    RenderedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.RENDERING)
    document = rendered("certificate", certified)
    assert document.status == DocumentStatus.READY and document.file.name.endswith(leftover.name)
    assert leftover.read_bytes()[:5] == b"%PDF-" and len(list(leftover.parent.iterdir())) == 1


def test_snapshot_keeps_the_certificate_as_issued(certified, organization):
    before = rendered("certificate", certified)
    text = pdf_text(before.file.open("rb").read())
    organization.full_name = "ООО «Новое имя»"
    organization.save()
    certified.manufacturer_name = "ООО «Новое имя»"
    certified.save()
    again = pdf_text(
        rendering.render_bytes("certificate", document_of("certificate", certified).snapshot)
    )
    assert again == text and "Новое имя" not in again


def test_same_snapshot_gives_the_same_bytes(certified):
    snapshot = document_of("certificate", certified).snapshot
    assert rendering.render_bytes("certificate", snapshot) == rendering.render_bytes(
        "certificate", snapshot
    )


def test_rewritten_conclusion_replaces_the_snapshot_of_its_one_document(reviewed, secretary):
    first = services.conclusion_save(
        application=reviewed, by=secretary, outcome="production_check", text="Документы в порядке."
    )
    services.conclusion_save(
        application=reviewed, by=secretary, outcome="production_check", text="Замечаний нет."
    )
    document = document_of("conclusion", first)
    assert RenderedDocument.objects.filter(kind="conclusion").count() == 1
    assert (
        document.snapshot["text"] == "Замечаний нет." and document.status == DocumentStatus.QUEUED
    )


def test_unchanged_request_sends_nothing(filed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        rendering.document_request("application", filed, refresh=True)
    assert callbacks == []


def test_failing_render_is_retried_then_failed_with_its_reason(certified, monkeypatch):
    calls = []

    def broken(kind, snapshot):
        calls.append(kind)
        raise OSError("disk full")

    monkeypatch.setattr(rendering, "render_bytes", broken)
    document = rendered("certificate", certified)
    assert document.status == DocumentStatus.FAILED and "disk full" in document.failure_reason
    assert len(calls) == 1 + render_document_task.max_retries


@pytest.fixture
def failed(certified):
    document = document_of("certificate", certified)
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.FAILED, failure_reason="OSError: disk full"
    )
    document.refresh_from_db()
    return document


def test_secretary_retries_a_failed_render(failed, secretary, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rendering.document_retry(document=failed, by=secretary)
    failed.refresh_from_db()
    assert failed.status == DocumentStatus.READY and failed.failure_reason == ""


def test_applicant_cannot_retry(failed, applicant):
    with pytest.raises(PermissionDenied):
        rendering.document_retry(document=failed, by=applicant)


def test_ready_document_is_not_retried(certified, secretary):
    with pytest.raises(ValidationError):
        rendering.document_retry(document=rendered("certificate", certified), by=secretary)


def test_sweep_sends_a_lost_task_again_and_gives_up_in_the_end(
    certified, django_capture_on_commit_callbacks
):
    document = document_of("certificate", certified)
    later = timezone.now() + rendering.STALE_AFTER * 2
    with django_capture_on_commit_callbacks() as callbacks:
        assert rendering.documents_redispatch(now=later) >= 1
    RenderedDocument.objects.filter(pk=document.pk).update(attempts=rendering.MAX_ATTEMPTS)
    rendering.documents_redispatch(now=later + rendering.STALE_AFTER * 2)
    document.refresh_from_db()
    assert callbacks and document.status == DocumentStatus.FAILED
