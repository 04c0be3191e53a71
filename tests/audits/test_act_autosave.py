"""The autosave endpoint of a section of the production-check act: it saves, refuses a closed
act (409), refuses a stale revision with the stored value (409), explains bad input (400) and
asks an expired session to log in again without losing anything stored."""

import json

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from audits import services
from audits.models import ItemResult


def save_url(act, section=1):
    return reverse(
        "audits:act-section-save",
        kwargs={"check_pk": act.production_check_id, "section": section},
    )


def item(act, section=1):
    return act.results.filter(item__section__number=section).order_by("item__order").first()


def post(client, act, items, section=1):
    return client.post(
        save_url(act, section),
        data=json.dumps({"items": items}),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )


@pytest.fixture
def auditor_client(client, auditor):
    client.force_login(auditor)
    return client


def test_autosave_saves_and_returns_the_new_revision(auditor_client, production_act):
    result = item(production_act)
    response = post(
        auditor_client,
        production_act,
        [{"item": result.item_id, "result": "conforms", "comment": "В порядке", "revision": 0}],
    )
    result.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["saved"][str(result.item_id)]["revision"] == 1
    assert (result.result, result.comment) == ("conforms", "В порядке")


def test_autosave_records_who_saved(auditor_client, production_act, auditor):
    result = item(production_act)
    post(
        auditor_client,
        production_act,
        [{"item": result.item_id, "result": "conforms", "revision": 0}],
    )
    result.refresh_from_db()
    assert result.updated_by == auditor


def test_autosave_form_encoded(auditor_client, production_act):
    result = item(production_act)
    response = auditor_client.post(
        save_url(production_act),
        {"item": result.item_id, "result": "not_applicable", "comment": "", "revision": 0},
    )
    result.refresh_from_db()
    assert (response.status_code, result.result) == (200, "not_applicable")


def test_autosave_after_submit_is_409(auditor_client, submitted_act):
    result = item(submitted_act)
    response = post(
        auditor_client,
        submitted_act,
        [{"item": result.item_id, "result": "conforms", "revision": result.revision}],
    )
    assert response.status_code == 409
    assert response.json()["error"] == gettext(
        "The act is no longer a draft and cannot be changed."
    )


def test_stale_revision_is_409_with_the_stored_value(auditor_client, production_act, auditor):
    result = item(production_act)
    services.section_save(
        act=production_act,
        by=auditor,
        section=1,
        entries=[{"item": result.item_id, "result": "conforms", "comment": "Новее", "revision": 0}],
    )
    response = post(
        auditor_client,
        production_act,
        [{"item": result.item_id, "result": "not_applicable", "comment": "Старее", "revision": 0}],
    )
    conflict = response.json()["conflicts"][str(result.item_id)]
    assert response.status_code == 409
    assert (conflict["comment"], conflict["revision"]) == ("Новее", 1)


def test_stale_revision_does_not_overwrite(auditor_client, production_act, auditor):
    result = item(production_act)
    services.section_save(
        act=production_act,
        by=auditor,
        section=1,
        entries=[{"item": result.item_id, "result": "conforms", "comment": "Новее", "revision": 0}],
    )
    post(
        auditor_client,
        production_act,
        [{"item": result.item_id, "result": "not_applicable", "comment": "Старее", "revision": 0}],
    )
    result.refresh_from_db()
    assert (result.result, result.comment) == ("conforms", "Новее")


def test_a_conflict_does_not_hold_back_the_other_items(auditor_client, production_act, auditor):
    first, second = production_act.results.filter(item__section__number=1).order_by("item__order")[
        :2
    ]
    services.section_save(
        act=production_act,
        by=auditor,
        section=1,
        entries=[{"item": first.item_id, "result": "conforms", "revision": 0}],
    )
    response = post(
        auditor_client,
        production_act,
        [
            {"item": first.item_id, "result": "not_applicable", "revision": 0},
            {"item": second.item_id, "result": "conforms", "revision": 0},
        ],
    )
    second.refresh_from_db()
    assert response.status_code == 409
    assert (second.result, list(response.json()["saved"])) == ("conforms", [str(second.item_id)])


def test_unknown_result_is_400_with_a_message(auditor_client, production_act):
    result = item(production_act)
    response = post(
        auditor_client,
        production_act,
        [{"item": result.item_id, "result": "maybe", "revision": 0}],
    )
    assert response.status_code == 400
    assert (
        gettext("Choose a result: conforms, nonconformity, not applicable or not checked.")
        in (response.json()["error"])
    )


def test_item_of_another_section_is_400(auditor_client, production_act):
    result = item(production_act, section=2)
    response = post(
        auditor_client,
        production_act,
        [{"item": result.item_id, "result": "conforms", "revision": 0}],
    )
    assert response.status_code == 400


def test_bad_input_saves_nothing(auditor_client, production_act):
    first, second = production_act.results.filter(item__section__number=1).order_by("item__order")[
        :2
    ]
    post(
        auditor_client,
        production_act,
        [
            {"item": first.item_id, "result": "conforms", "revision": 0},
            {"item": second.item_id, "result": "maybe", "revision": 0},
        ],
    )
    first.refresh_from_db()
    assert first.result == "not_checked"


def test_invalid_json_is_400(auditor_client, production_act):
    response = auditor_client.post(
        save_url(production_act), data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == gettext("The request is not valid JSON.")


def test_missing_revision_is_400(auditor_client, production_act):
    result = item(production_act)
    response = post(
        auditor_client, production_act, [{"item": result.item_id, "result": "conforms"}]
    )
    assert response.status_code == 400


def test_expired_session_is_403_with_a_message(client, production_act):
    result = item(production_act)
    response = post(
        client, production_act, [{"item": result.item_id, "result": "conforms", "revision": 0}]
    )
    assert response.status_code == 403
    assert response.json()["error"] == gettext(
        "Log in again — your edits are kept in this browser."
    )


def test_expired_session_loses_nothing_stored(client, auditor, production_act):
    result = item(production_act)
    services.section_save(
        act=production_act,
        by=auditor,
        section=1,
        entries=[{"item": result.item_id, "result": "conforms", "comment": "Было", "revision": 0}],
    )
    post(
        client,
        production_act,
        [{"item": result.item_id, "result": "not_applicable", "revision": 1}],
    )
    result.refresh_from_db()
    assert (result.result, result.comment) == ("conforms", "Было")


def test_expired_session_on_the_plain_form_redirects_to_login(client, production_act):
    url = reverse(
        "audits:act-section", kwargs={"check_pk": production_act.production_check_id, "section": 1}
    )
    response = client.post(url, {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_team_member_cannot_autosave(client, production_act, second_member):
    client.force_login(second_member)
    result = item(production_act)
    response = post(
        client, production_act, [{"item": result.item_id, "result": "conforms", "revision": 0}]
    )
    assert response.status_code == 403


def test_outsider_gets_404(client, production_act, outsider):
    client.force_login(outsider)
    result = item(production_act)
    response = post(
        client, production_act, [{"item": result.item_id, "result": "conforms", "revision": 0}]
    )
    assert response.status_code == 404


def test_plain_section_form_saves_without_javascript(auditor_client, production_act):
    results = list(production_act.results.filter(item__section__number=2))
    data = {}
    for result in results:
        data[f"s-result-{result.item_id}"] = "conforms"
        data[f"s-comment-{result.item_id}"] = "Стаж подтвержден"
        data[f"s-revision-{result.item_id}"] = result.revision
    url = reverse(
        "audits:act-section", kwargs={"check_pk": production_act.production_check_id, "section": 2}
    )
    response = auditor_client.post(url, data)
    assert response.status_code == 302
    assert set(
        ItemResult.objects.filter(pk__in=[r.pk for r in results]).values_list("result", flat=True)
    ) == {"conforms"}


def test_plain_section_form_with_a_stale_revision_is_409(auditor_client, production_act, auditor):
    result = item(production_act, section=2)
    services.section_save(
        act=production_act,
        by=auditor,
        section=2,
        entries=[{"item": result.item_id, "result": "conforms", "revision": 0}],
    )
    data = {}
    for other in production_act.results.filter(item__section__number=2):
        data[f"s-result-{other.item_id}"] = "not_applicable"
        data[f"s-comment-{other.item_id}"] = ""
        data[f"s-revision-{other.item_id}"] = 0
    url = reverse(
        "audits:act-section", kwargs={"check_pk": production_act.production_check_id, "section": 2}
    )
    assert auditor_client.post(url, data).status_code == 409
