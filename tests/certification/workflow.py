"""Helpers that drive an application through meetings and its production check, as the
commission, the expert-auditor, the head and the applicant would: every step through the
services, so a certificate is issued only on the evidence of GOST 8.17."""

import datetime

from django.utils import timezone

from certification import services


def decide(application, question, *, secretary, members, votes=None, date=None, **details):
    """Hold a meeting with ``members`` present, vote (all «for» unless told) and close it."""
    meeting = services.meeting_create(
        by=secretary, date=date or timezone.localdate(), chair=members[0]
    )
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


def the_head():
    """The head of the authorized organization (the ``head`` fixture's, or a new one)."""
    from accounts.models import AuthorizedBody, User
    from tests.factories import UserFactory

    body = AuthorizedBody.get()
    if body.head is None:
        body.head = User.objects.filter(role_head=True).first() or UserFactory(role_head=True)
        body.head_name = body.head.get_short_name()
        body.save()
    return body.head


def the_applicant(application):
    """The member who heads the application's organization (signs for it)."""
    membership = application.organization.membership_set.order_by("-is_head", "pk").first()
    return membership.user


def program_ready(application, *, secretary, auditor, sampling=True, annex_request=None):
    """Annex Д filled in by the secretary: the dates (from today), the expert-auditor, the
    stages; without ``sampling`` stage 3 is recorded as not needed. Awaits the head."""
    from audits import services as audits

    today = timezone.localdate()
    check = audits.check_create(application=application, by=secretary, annex_request=annex_request)
    audits.program_update(
        check=check,
        by=secretary,
        data={"start_date": today, "end_date": today + datetime.timedelta(days=2)},
    )
    audits.team_member_add(check=check, by=secretary, user=auditor)
    audits.stages_update(
        check=check,
        by=secretary,
        stages={
            n: {"executors": [auditor] if n != 3 or sampling else [], "needed": n != 3 or sampling}
            for n in range(1, 6)
        },
    )
    return check


def take_sample(check, *, auditor, applicant, lab_report=True, passes=True):
    """GOST 8.15: a sample taken under an act both parties sign, delivered to the laboratory
    and, with ``lab_report``, reported on (a pass unless told)."""
    from audits import services as audits
    from tests.audits.helpers import act_data, sample_data
    from tests.files import pdf_upload

    today = timezone.localdate()
    act = audits.sampling_act_create(check=check, by=auditor, data=act_data(auditor))
    sample = audits.sample_save(act=act, by=auditor, data=sample_data())
    audits.sampling_act_sign_auditor(act=act, by=auditor)
    audits.sampling_act_sign_applicant(act=act, by=applicant)
    sample = audits.sample_deliver(
        sample=sample, by=applicant, laboratory="ИЛ «Татмясо»", delivered_on=today
    )
    if lab_report:
        audits.lab_report_add(
            sample=sample,
            by=auditor,
            number=f"{sample.pk}/{today.year}",
            issued_on=today,
            laboratory="ИЛ «Татмясо»",
            passed=passes,
            comment="" if passes else "Обнаружена ДНК свиньи",
            upload=pdf_upload("протокол.pdf"),
        )


def draw_up_act(check, *, auditor, conforms=True, nonconformity=None):
    """GOST 8.16: the act of Annex Ж filled in item by item, concluded, submitted and signed by
    the check's commission (the expert-auditor). ``nonconformity`` (a description) is recorded
    on the first item, to be corrected within 30 days. Returns the signed act."""
    from audits import services as audits
    from audits.models import ItemStatus
    from tests.audits.helpers import PRODUCTION_ACT_DATA

    today = timezone.localdate()
    act = audits.act_create(check=check, by=auditor)
    audits.act_update(
        act=act,
        by=auditor,
        data={
            **PRODUCTION_ACT_DATA,
            "date": today,
            "period_start": today,
            "period_end": today,
            "stable_production": conforms,
            "conclusions": PRODUCTION_ACT_DATA["conclusions"]
            if conforms
            else "Предприятие не способно стабильно выпускать продукцию «Халяль».",
        },
    )
    results = list(act.results.select_related("item__section").order_by("pk"))
    if nonconformity:
        audits.nonconformity_add(
            result=results[0],
            by=auditor,
            description=nonconformity,
            severity="minor",
            deadline=today + datetime.timedelta(days=30),
            fixed_on_spot=False,
        )
    for number in sorted({r.item.section.number for r in results}):
        entries = [
            {
                "item": r.item_id,
                "result": ItemStatus.CONFORMS,
                "comment": "",
                "revision": r.revision,
            }
            for r in act.results.filter(item__section__number=number)
            if r.result != ItemStatus.NONCONFORMITY
        ]
        if entries:
            audits.section_save(act=act, by=auditor, section=number, entries=entries)
    audits.act_submit(act=act, by=auditor)
    return audits.act_sign(act=act, by=auditor)


def check_production(
    application,
    *,
    secretary,
    head=None,
    auditor=None,
    conforms=True,
    sample_passes=True,
    nonconformity=None,
    annex_request=None,
    sampling=True,
    lab_report=True,
    approve=True,
):
    """The production check of GOST 8.13–8.16 through the services: the program (Annex Д)
    approved by the head and started by its expert-auditor, a sample taken under a signed act
    (Annex Е), delivered and tested by a laboratory, the act of Annex Ж filled in item by item,
    concluded, signed, approved by the head and sent to the applicant. Without ``sampling`` the
    program records that none was needed (stage 3); without ``lab_report`` the sample waits for
    its report; without ``approve`` the act stays signed. Returns the act."""
    from audits import services as audits
    from tests.audits.helpers import auditor_with_power

    head = head or the_head()
    auditor = auditor or auditor_with_power()
    check = program_ready(
        application,
        secretary=secretary,
        auditor=auditor,
        sampling=sampling,
        annex_request=annex_request,
    )
    audits.program_approve(check=check, by=head)
    audits.check_start(check=check, by=auditor)
    if sampling:
        take_sample(
            check,
            auditor=auditor,
            applicant=the_applicant(application),
            lab_report=lab_report,
            passes=sample_passes,
        )
    act = draw_up_act(check, auditor=auditor, conforms=conforms, nonconformity=nonconformity)
    if approve:
        audits.act_approve(act=act, by=head)
        act = audits.act_send(act=act, by=secretary)
    application.refresh_from_db()
    return act


def correct(application, *, secretary):
    """The applicant answers every open nonconformity; the secretary accepts each answer."""
    from audits import services as audits
    from tests.files import pdf_upload

    applicant = the_applicant(application)
    for nonconformity in application.nonconformities.issued().filter(closed_at__isnull=True):
        action = audits.corrective_action_file(
            nonconformity=nonconformity,
            by=applicant,
            cause="Не был утвержден график",
            action="График утвержден приказом № 12",
            done_on=timezone.localdate(),
            uploads=[pdf_upload("приказ.pdf")],
        )
        audits.corrective_action_verify(action=action, by=secretary, accepted=True)


def issue(application, *, secretary, members, valid_from=None, years=2, head=None):
    """The real path to a certificate (GOST 8.13–8.17): the commission sends the application to
    the production check, the check ends with an approved positive act, and a meeting decides
    to issue the certificate on it. The head's signature (Л.4.6) is left to the caller."""
    valid_from = valid_from or timezone.localdate()
    decide(application, "proceed", secretary=secretary, members=members)
    check_production(application, secretary=secretary, head=head)
    return decide(
        application,
        "issue",
        secretary=secretary,
        members=members,
        valid_from=valid_from,
        valid_to=services.certificates.max_valid_to(valid_from)
        if years == 2
        else valid_from + datetime.timedelta(days=365 * years),
    )
