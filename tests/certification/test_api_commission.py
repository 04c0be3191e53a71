"""Commission API: votes with token auth, 403 with the reason, 409 once closed, 404 for others."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from certification import services
from certification.models import Vote


def api_for(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def item(under_review, secretary, commission):
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    return services.agenda_item_add(
        meeting=meeting, by=secretary, application=under_review, question="proceed"
    )


def vote_url(item) -> str:
    return reverse("meeting-vote", kwargs={"pk": item.meeting_id, "item_pk": item.pk})


def close_url(item) -> str:
    return reverse("meeting-close", kwargs={"pk": item.meeting_id})


def test_member_votes_with_a_token(item, commission):
    response = api_for(commission[0]).post(vote_url(item), {"choice": "for"}, format="json")
    assert response.status_code == 200
    assert response.json()["choice"] == "for"


def test_repeated_vote_keeps_one_row(item, commission):
    api = api_for(commission[0])
    for choice in ("for", "for", "against"):
        api.post(vote_url(item), {"choice": choice, "comment": "Уточнил"}, format="json")
    assert list(Vote.objects.values_list("choice", flat=True)) == ["against"]


def test_unknown_choice_is_400(item, commission):
    response = api_for(commission[0]).post(vote_url(item), {"choice": "yes"}, format="json")
    assert response.status_code == 400


def test_vote_after_close_is_409(item, secretary, commission):
    services.meeting_close(meeting=item.meeting, by=secretary)
    response = api_for(commission[0]).post(vote_url(item), {"choice": "for"}, format="json")
    assert response.status_code == 409
    assert "closed" in response.json()["detail"]


def test_recused_member_gets_403_with_the_reason(item, commission):
    # ISO/IEC 17065 7.5: who took part in the production check does not vote on it.
    from audits.models import ProductionCheck

    ProductionCheck.objects.create(application=item.application).participants.add(commission[0])
    response = api_for(commission[0]).post(vote_url(item), {"choice": "for"}, format="json")
    assert response.status_code == 403
    assert "production check" in response.json()["detail"]


def test_absent_staff_member_gets_403(item, secretary):
    response = api_for(secretary).post(vote_url(item), {"choice": "for"}, format="json")
    assert response.status_code == 403
    assert "present" in response.json()["detail"]


def test_member_outside_the_meeting_gets_404(item, commission_member):
    response = api_for(commission_member).post(vote_url(item), {"choice": "for"}, format="json")
    assert response.status_code == 404


def test_applicant_does_not_see_the_meeting(item, applicant):
    api = api_for(applicant)
    detail = reverse("meeting-detail", kwargs={"pk": item.meeting_id})
    assert api.get(detail).status_code == 404
    assert api.get(reverse("meeting-list")).json()["results"] == []


def test_item_of_another_meeting_is_404(item, secretary, commission):
    other = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    services.meeting_set_present(meeting=other, by=secretary, members=commission)
    url = reverse("meeting-vote", kwargs={"pk": other.pk, "item_pk": item.pk})
    response = api_for(commission[0]).post(url, {"choice": "for"}, format="json")
    assert response.status_code == 404


def test_member_lists_the_meetings_attended(item, commission):
    response = api_for(commission[1]).get(reverse("meeting-list"))
    assert [m["id"] for m in response.json()["results"]] == [item.meeting_id]


def test_detail_shows_the_live_tally_and_my_vote(item, commission):
    services.vote_cast(item=item, member=commission[0], choice="for")
    services.vote_cast(item=item, member=commission[1], choice="for")
    response = api_for(commission[0]).get(reverse("meeting-detail", kwargs={"pk": item.meeting_id}))
    row = response.json()["items"][0]
    assert (row["tally"]["votes_for"], row["tally"]["adopted"]) == (2, True)
    assert row["my_vote"]["choice"] == "for"


def test_secretary_closes_with_a_protocol_number(item, secretary, commission):
    services.vote_cast(item=item, member=commission[0], choice="for")
    response = api_for(secretary).post(close_url(item))
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["protocol_number"]) == ("closed", 1)


def test_closing_twice_is_409(item, secretary):
    api = api_for(secretary)
    api.post(close_url(item))
    response = api.post(close_url(item))
    assert response.status_code == 409
    assert "closed" in response.json()["detail"]


def test_member_cannot_close(item, commission):
    response = api_for(commission[0]).post(close_url(item))
    assert response.status_code == 403


def test_closed_meeting_shows_the_frozen_tally(item, secretary, commission):
    services.vote_cast(item=item, member=commission[0], choice="against")
    services.meeting_close(meeting=item.meeting, by=secretary)
    response = api_for(secretary).get(reverse("meeting-detail", kwargs={"pk": item.meeting_id}))
    tally = response.json()["items"][0]["tally"]
    assert (tally["final"], tally["votes_against"], tally["adopted"]) == (True, 1, False)


def test_openapi_schema_builds_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--fail-on-warn", "--file", "/dev/null"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
