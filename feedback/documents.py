"""The body's written answer to a complaint, a letter PDF of the common pipeline
(halal_portal.rendering): snapshotted when the answer is given, rendered after commit."""

from django.utils.translation import gettext_lazy

from halal_portal.formatting import body_context, body_snapshot, gost_date, iso, person
from halal_portal.rendering import DocumentKind, register

from .appeals import appeal_list_for
from .complaints import complaint_list_for
from .models import Appeal, AppealState, Complaint


def complaint_answer_snapshot(complaint: Complaint) -> dict:
    author = complaint.author
    organization = author.organizations.order_by("pk").first()
    return {
        "body": body_snapshot(),
        "code": complaint.code,
        "topic": str(complaint.get_topic_display()),  # in the site's language
        "author": author.get_full_name() or author.email,
        "organization": str(organization) if organization else "",
        "received": iso(complaint.received_at.date()),
        "text": complaint.text,
        "answer": complaint.answer,
        "answered": iso(complaint.answered_at.date()),
        "answered_by": person(complaint.answered_by),
    }


def complaint_answer_context(snapshot: dict) -> dict:
    return {
        **snapshot,
        "body": body_context(snapshot),
        "received": gost_date(snapshot["received"]),
        "answered": gost_date(snapshot["answered"]),
    }


register(
    DocumentKind(
        kind="complaint_answer",
        label=gettext_lazy("Answer to a complaint"),
        model=Complaint,
        template="annexes/complaint_answer.html",
        snapshot=complaint_answer_snapshot,
        context=complaint_answer_context,
        filename=lambda s: f"Ответ на жалобу {s['code']}.pdf",
        visible_to=complaint_list_for,
    )
)


def appeal_decision_snapshot(appeal: Appeal) -> dict:
    application = appeal.application
    item = appeal.decision
    return {
        "body": body_snapshot(),
        "code": appeal.code,
        "application": {"number": application.number, "org_name": application.org_name},
        "head_of_applicant": application.head_name,
        "decision": str(item.get_question_display()),  # in the site's language
        "decision_protocol": str(item.meeting.protocol_reference),
        "filed": iso(appeal.filed_at),
        "grounds": appeal.grounds,
        "upheld": appeal.state == AppealState.UPHELD,
        "protocol_number": appeal.protocol_number,
        "decided": iso(appeal.decided_at),
        "reasons": appeal.reasons,
        "votes_uphold": appeal.votes_uphold,
        "votes_reject": appeal.votes_reject,
        "panel": [person(m) for m in appeal.panel.order_by("last_name", "pk")],
    }


def appeal_decision_context(snapshot: dict) -> dict:
    return {
        **snapshot,
        "body": body_context(snapshot),
        "filed": gost_date(snapshot["filed"]),
        "decided": gost_date(snapshot["decided"]),
    }


register(
    DocumentKind(
        kind="appeal_decision",
        label=gettext_lazy("Decision on an appeal"),
        model=Appeal,
        template="annexes/appeal_decision.html",
        snapshot=appeal_decision_snapshot,
        context=appeal_decision_context,
        filename=lambda s: f"Решение по апелляции {s['code']}.pdf",
        visible_to=appeal_list_for,
    )
)
