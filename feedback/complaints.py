"""Complaints about the body: the writes (one transaction each, logged) and the reads."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import notify
from halal_portal.rendering import document_request

from .models import Complaint, ComplaintState, ComplaintTopic
from .workflow import fire


def complaint_list_for(user) -> QuerySet[Complaint]:
    """The secretary and the head see every complaint; anyone else their own."""
    complaints = Complaint.objects.select_related("author")
    if not user.is_authenticated:
        return complaints.none()
    if user.is_secretary or user.is_head:
        return complaints
    return complaints.filter(author=user)


def _staff():
    return User.objects.filter(is_active=True).filter(role_secretary=True) | User.objects.filter(
        is_active=True, role_head=True
    )


@transaction.atomic
def complaint_submit(*, by, topic: str, text: str) -> Complaint:
    if not by.is_authenticated:
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Describe what you complain about.")})
    today = timezone.localdate()
    complaint = Complaint.objects.create(
        author=by,
        topic=ComplaintTopic(topic),
        text=text.strip(),
        answer_due=today + datetime.timedelta(days=settings.COMPLAINT_ANSWER_DAYS),
    )
    complaint.log.create(transition="submit", source=complaint.state, target=complaint.state, by=by)
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            _staff(),
            key=f"complaint:{complaint.pk}",
            subject=_("Complaint %(code)s: %(topic)s")
            % {"code": complaint.code, "topic": complaint.get_topic_display()},
            body=_("Answer it in writing by %(date)s.")
            % {"date": complaint.answer_due.strftime("%d.%m.%Y")},
            url=complaint.get_absolute_url(),
        )
    return complaint


@transaction.atomic
def complaint_answer(*, complaint: Complaint, by, text: str) -> Complaint:
    """The written answer: a letter PDF (kind «complaint_answer») and a notice to the author."""
    if not text.strip():
        raise ValidationError({"text": _("Write the answer.")})
    complaint = fire(complaint, "give_answer", by=by, text=text.strip())
    document_request("complaint_answer", complaint)
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            [complaint.author],
            key=f"complaint:{complaint.pk}:answer",
            subject=_("Answer to your complaint %(code)s") % {"code": complaint.code},
            body=_("The body answered your complaint in writing; the letter is on the portal."),
            url=complaint.get_absolute_url(),
        )
    return complaint


@transaction.atomic
def complaint_close(*, complaint: Complaint, by, comment: str = "") -> Complaint:
    return fire(complaint, "close", by=by, comment=comment)


def is_overdue(complaint: Complaint, today: datetime.date) -> bool:
    return complaint.state == ComplaintState.SUBMITTED and complaint.answer_due < today
