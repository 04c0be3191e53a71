"""Helpers that drive an application through meetings, as the commission would."""

import datetime

from django.utils import timezone

from certification import rules, services


def decide(application, question, *, secretary, members, votes=None, date=None, **details):
    """Hold a meeting with ``members`` present, vote (all «for» unless told) and close it."""
    meeting = services.meeting_create(by=secretary, date=date or timezone.localdate())
    services.meeting_set_present(meeting=meeting, by=secretary, members=members)
    item = services.agenda_item_add(
        meeting=meeting, by=secretary, application=application, question=question, **details
    )
    for member, choice in zip(members, votes or ["for"] * len(members), strict=False):
        services.vote_cast(item=item, member=member, choice=choice)
    services.meeting_close(meeting=meeting, by=secretary)
    item.refresh_from_db()
    application.refresh_from_db()
    return item


def issue(application, *, secretary, members, valid_from=None, years=2):
    valid_from = valid_from or timezone.localdate()
    decide(application, "proceed", secretary=secretary, members=members)
    return decide(
        application,
        "issue",
        secretary=secretary,
        members=members,
        valid_from=valid_from,
        valid_to=rules.max_valid_to(valid_from)
        if years == 2
        else valid_from + datetime.timedelta(days=365 * years),
    )
