"""What the auditor records against an item of the production-check act (GOST 8.16, Annex Ж):
nonconformities with their deadlines, evidence, and when the applicant sees them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from audits import services
from audits.models import ItemResult, ItemStatus, Nonconformity
from audits.services.reminders import remind_corrective_deadlines
from tests.audits.helpers import add_nonconformity, first_result

# --- nonconformities (GOST 8.16) ---


def test_nonconformity_needs_a_deadline(production_act, auditor):
    with pytest.raises(ValidationError) as error:
        add_nonconformity(production_act, auditor, deadline=None)
    assert "8.16" in " ".join(error.value.message_dict["deadline"])


def test_nonconformity_fixed_on_the_spot_needs_no_deadline(production_act, auditor):
    nonconformity = add_nonconformity(production_act, auditor, deadline=None, fixed_on_spot=True)
    assert (nonconformity.deadline, nonconformity.fixed_on_spot) == (None, True)


def test_nonconformity_deadline_after_the_act(production_act, auditor):
    with pytest.raises(ValidationError) as error:
        add_nonconformity(production_act, auditor, deadline=production_act.date)
    assert "deadline" in error.value.message_dict


def test_nonconformity_sets_the_item_result(production_act, auditor):
    nonconformity = add_nonconformity(production_act, auditor)
    result = nonconformity.item_result
    assert result.result == ItemStatus.NONCONFORMITY
    assert nonconformity.application == production_act.production_check.application


def test_the_database_refuses_an_act_nonconformity_without_deadline(production_act):
    result = first_result(production_act)
    with pytest.raises(IntegrityError), transaction.atomic():
        Nonconformity.objects.create(
            application=production_act.production_check.application,
            item_result=result,
            description="x",
        )


def test_nonconformity_deadline_is_shown_on_the_act(client, production_act, auditor):
    nonconformity = add_nonconformity(production_act, auditor)
    client.force_login(auditor)
    page = client.get(production_act.get_absolute_url()).content.decode()
    assert nonconformity.deadline.strftime("%d.%m.%Y") in page


def test_nonconformity_form_without_deadline_is_400(client, production_act, auditor):
    result = first_result(production_act, 15)
    client.force_login(auditor)
    url = reverse(
        "audits:act-nonconformity-add",
        kwargs={"check_pk": production_act.production_check_id, "result_pk": result.pk},
    )
    response = client.post(
        url, {f"nc-{result.pk}-description": "Нет графика", f"nc-{result.pk}-severity": "major"}
    )
    assert response.status_code == 400
    assert not Nonconformity.objects.filter(item_result=result).exists()


def remove_url(nonconformity):
    act = nonconformity.item_result.act
    return reverse(
        "audits:act-nonconformity-remove",
        kwargs={"check_pk": act.production_check_id, "nonconformity_pk": nonconformity.pk},
    )


def test_a_member_who_reads_the_act_cannot_remove_its_nonconformity(
    client, production_act, auditor, second_member
):
    nonconformity = add_nonconformity(production_act, auditor)
    client.force_login(second_member)
    assert client.get(production_act.get_absolute_url()).status_code == 200
    response = client.post(remove_url(nonconformity))
    assert response.status_code == 403
    assert Nonconformity.objects.filter(pk=nonconformity.pk).exists()


def test_the_auditor_removes_a_nonconformity_from_a_draft(client, production_act, auditor):
    nonconformity = add_nonconformity(production_act, auditor)
    client.force_login(auditor)
    response = client.post(remove_url(nonconformity))
    assert response.status_code == 302
    assert not Nonconformity.objects.filter(pk=nonconformity.pk).exists()


def test_a_nonconformity_of_a_submitted_act_stays(client, filled_act, auditor):
    nonconformity = add_nonconformity(filled_act, auditor)
    services.act_submit(act=filled_act, by=auditor)
    client.force_login(auditor)
    response = client.post(remove_url(nonconformity))
    assert response.status_code == 409
    assert Nonconformity.objects.filter(pk=nonconformity.pk).exists()


def test_result_with_nonconformities_cannot_become_conforms(production_act, auditor):
    result = add_nonconformity(production_act, auditor).item_result
    with pytest.raises(ValidationError):
        services.section_save(
            act=production_act,
            by=auditor,
            section=15,
            entries=[{"item": result.item_id, "result": "conforms", "revision": result.revision}],
        )


def test_submit_needs_a_record_behind_every_nonconformity(filled_act, auditor):
    ItemResult.objects.filter(pk=first_result(filled_act).pk).update(result="nonconformity")
    with pytest.raises(ValidationError) as error:
        services.act_submit(act=filled_act, by=auditor)
    assert "8.16" in " ".join(error.value.messages)


# --- evidence ---


def test_photo_evidence_is_attached(production_act, auditor):
    from tests.files import png_upload

    evidence = services.act_evidence_add(
        result=first_result(production_act), by=auditor, upload=png_upload(), description="Цех"
    )
    assert (evidence.content_type, evidence.is_image) == ("image/png", True)


def test_a_fake_photo_is_refused(production_act, auditor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.act_evidence_add(result=first_result(production_act), by=auditor, upload=upload)
    assert "file" in error.value.message_dict
    assert not first_result(production_act).files.exists()


def test_evidence_is_downloaded_by_the_team_only(client, production_act, auditor, outsider):
    from tests.files import pdf_upload

    evidence = services.act_evidence_add(
        result=first_result(production_act), by=auditor, upload=pdf_upload()
    )
    client.force_login(outsider)
    assert client.get(evidence.get_absolute_url()).status_code == 404
    client.force_login(auditor)
    assert client.get(evidence.get_absolute_url()).status_code == 200


# --- a draft act's nonconformities stay the commission's until the act is sent ---


def test_applicant_does_not_see_nonconformities_of_a_draft_act(
    client, production_act, auditor, applicant
):
    nonconformity = add_nonconformity(production_act, auditor)
    client.force_login(applicant)
    application = production_act.production_check.application
    page = client.get(application.get_absolute_url()).content.decode()
    assert nonconformity.description not in page


def test_nonconformities_of_a_sent_act_are_issued(sent_act):
    application = sent_act.production_check.application
    nonconformity = Nonconformity.objects.create(
        application=application,
        item_result=first_result(sent_act),
        description="Выявлено",
        fixed_on_spot=True,
    )
    assert nonconformity in application.nonconformities.issued()


def test_no_deadline_reminder_for_a_draft_act(production_act, auditor):
    nonconformity = add_nonconformity(production_act, auditor)
    day = nonconformity.deadline - datetime.timedelta(days=3)
    assert remind_corrective_deadlines(today=day) == 0
