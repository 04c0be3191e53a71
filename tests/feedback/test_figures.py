"""The public figures, computed from seeded timelines whose medians are known."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from certification.models import AppState, TransitionLog
from feedback import figures
from feedback.figures import CACHE_KEY, compute_figures
from feedback.tasks import refresh_figures_task

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


def _seed(application, *, start, steps):
    """``steps``: (transition, source, target, days after start)."""
    for name, source, target, days in steps:
        TransitionLog.objects.create(
            application=application,
            transition=name,
            source=source,
            target=target,
            at=start + datetime.timedelta(days=days),
        )


def _timeline(review_days: int, check_days: int, decision: str = "certify"):
    s, r, pc = AppState.SUBMITTED, AppState.DOCUMENT_REVIEW, AppState.PRODUCTION_CHECK
    return [
        ("submit", AppState.DRAFT, s, 0),
        ("register", s, r, 1),
        ("proceed_to_check", r, pc, review_days),
        (decision, pc, AppState.CERTIFIED, review_days + check_days),
    ]


@pytest.fixture
def seeded(organization, applicant):
    from certification import services

    start = NOW - datetime.timedelta(days=200)
    made = []
    for review, check in [(10, 20), (20, 30), (30, 40), (40, 50), (50, 100)]:
        application = services.application_create(organization=organization, by=applicant)
        _seed(application, start=start, steps=_timeline(review, check))
        made.append(application)
    # Decided more than 12 months ago: not counted.
    old = services.application_create(organization=organization, by=applicant)
    _seed(old, start=NOW - datetime.timedelta(days=800), steps=_timeline(10, 10))
    return made


def test_medians_and_90th_percentiles_from_the_logs(seeded):
    data = compute_figures(now=NOW)
    assert data["decided"] == 5
    stages = data["stages"]
    assert stages["document_review"] == {"count": 5, "median": 30.0, "p90": 50.0}
    assert stages["production_check"] == {"count": 5, "median": 40.0, "p90": 100.0}
    assert stages["total"] == {"count": 5, "median": 70.0, "p90": 150.0}
    assert data["appeals"] == {"upheld": 0, "rejected": 0}
    # No production-check act was signed: the decision stage has no figures.
    assert stages["decision"] == {"count": 0, "median": None, "p90": None}


def test_time_returned_to_the_applicant_is_not_the_bodys():
    at = NOW
    logs = [
        TransitionLog(transition="submit", source="draft", target="submitted", at=at),
        TransitionLog(
            transition="return_for_completion",
            source="submitted",
            target="returned",
            at=at + datetime.timedelta(days=2),
        ),
        TransitionLog(
            transition="resubmit",
            source="returned",
            target="submitted",
            at=at + datetime.timedelta(days=12),
        ),
        TransitionLog(
            transition="register",
            source="submitted",
            target="document_review",
            at=at + datetime.timedelta(days=13),
        ),
        TransitionLog(
            transition="refuse",
            source="document_review",
            target="refused",
            at=at + datetime.timedelta(days=20),
        ),
    ]
    days = figures.timeline(logs, None, at + datetime.timedelta(days=99)).days
    assert days["document_review"] == 10.0  # 2 + 1 + 7: the 10 days returned are left out
    assert days["total"] == 20.0
    assert days["production_check"] is None


def test_percentile_by_nearest_rank():
    assert figures.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert figures.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9) == 10
    assert figures.percentile([7], 0.9) == 7


def test_the_page_is_served_from_the_cache_refreshed_by_the_nightly_task(client, seeded):
    cache.delete(CACHE_KEY)
    refresh_figures_task.delay()
    cached = cache.get(CACHE_KEY)
    assert cached is not None
    cache.set(CACHE_KEY, {**cached, "reports": {"received": 417, "resolved": 400}})
    content = client.get(reverse("feedback:figures")).content.decode()
    assert "417" in content  # from the cache, not recomputed per request


def test_certificate_counts_read_an_outdated_valid_certificate_as_expired(issued):
    today = timezone.localdate()
    assert figures.certificate_counts(today)["valid"] == 1
    later = issued.valid_to + datetime.timedelta(days=1)
    counts = figures.certificate_counts(later)
    assert counts["valid"] == 0 and counts["expired"] == 1


def test_the_applicant_sees_its_days_against_the_medians(client, issued, applicant, secretary):
    client.force_login(applicant)
    response = client.get(issued.application.get_absolute_url())
    assert _("Days in each stage") in response.content.decode()
    client.force_login(secretary)  # the applicant's own comparison, not the staff's
    response = client.get(issued.application.get_absolute_url())
    assert _("Days in each stage") not in response.content.decode()
