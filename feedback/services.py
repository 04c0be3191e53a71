"""Writes of the reports: one transaction each, every stage change logged (who/when/why)."""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import notify
from certification.models import AgendaItem, Certificate, Meeting, Question
from certification.services import agenda_item_add

from . import permissions, rules
from .models import Report, ReportLog, ReportOutcome, ReportPhoto, ReportState
from .photos import clean_photo
from .selectors import certificate_by_number
from .workflow import fire


def _log(report: Report, name: str, *, source: str, by, comment: str = "") -> None:
    ReportLog.objects.create(
        report=report, transition=name, source=source, target=report.state, by=by, comment=comment
    )


def _transition(report: Report, name: str, *, by, comment: str = "", **kwargs) -> Report:
    return fire(
        report,
        name,
        by=by,
        comment=comment,
        refused=_("Link the report to a certificate first."),
        **kwargs,
    )


def _secretaries():
    return User.objects.filter(role_secretary=True, is_active=True)


@transaction.atomic
def report_submit(*, data: dict, photos=(), language: str = "") -> Report:
    """A report from the public: stored with its photos (metadata stripped), the deadlines of
    its stages set, the secretary told. The certificate is linked when the number shown is one
    of ours; the holder hears of it only once the secretary has looked (report_acknowledge)."""
    today = timezone.localdate()
    report = Report(
        kind=data["kind"],
        description=data["description"].strip(),
        place=data["place"].strip(),
        product_name=(data.get("product_name") or "").strip(),
        gtin=(data.get("gtin") or "").strip(),
        number_shown=(data.get("number_shown") or "").strip(),
        email=(data.get("email") or "").strip(),
        acknowledge_due=rules.acknowledge_due(today),
        decide_due=rules.decide_due(today),
    )
    report.certificate = certificate_by_number(report.number_shown)
    report.full_clean(exclude=["state"])
    report.save()
    cleaned = [clean_photo(upload, max_bytes=settings.REPORT_PHOTO_MAX_BYTES) for upload in photos]
    for checked, content in cleaned:
        photo = ReportPhoto(report=report, content_type=checked.content_type, sha256="", size=0)
        photo.file.save(f"photo{checked.extension}", content, save=False)
        photo.size = content.size
        photo.sha256 = _sha256(content)
        photo.save()
    _log(report, "submit", source=ReportState.RECEIVED, by=None)
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            _secretaries(),
            key=f"report:{report.pk}",
            subject=_("New report %(code)s: %(kind)s")
            % {"code": report.code, "kind": report.get_kind_display()},
            body=_("Acknowledge it by %(date)s.")
            % {"date": report.acknowledge_due.strftime("%d.%m.%Y")},
            url=report.get_absolute_url(),
        )
    return report


def _sha256(content) -> str:
    digest = hashlib.sha256()
    for chunk in content.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def _notify_holder(report: Report) -> None:
    """The holder is told that a report concerns its certificate, and may answer."""
    if report.certificate_id is None or report.state == ReportState.RECEIVED:
        return
    certificate = report.certificate
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            certificate.application.organization.members.all(),
            key=f"report:{report.pk}:holder:{certificate.pk}",
            subject=_("A report concerns certificate %(number)s") % {"number": certificate.number},
            body=_(
                "A member of the public reported a possible misuse of the «Halal» sign. "
                "You may answer it on the portal."
            ),
            url=report.get_absolute_url(),
        )


@transaction.atomic
def report_acknowledge(*, report: Report, by, comment: str = "") -> Report:
    report = _transition(report, "acknowledge", by=by, comment=comment)
    _notify_holder(report)
    return report


@transaction.atomic
def report_link(*, report: Report, by, certificate: Certificate | None) -> Report:
    """Link the report to the certificate it concerns (or unlink it), logged."""
    list(Report.objects.select_for_update().filter(pk=report.pk).values_list("pk"))
    report.refresh_from_db()
    if not permissions.can_triage(report, by):
        raise PermissionDenied
    if report.state in (ReportState.REFERRED, ReportState.CLOSED):
        raise ValidationError(_("The report is before the commission or closed."))
    report.certificate = certificate
    report.save(update_fields=["certificate"])
    _log(
        report,
        "link",
        source=report.state,
        by=by,
        comment=certificate.number if certificate else _("unlinked"),
    )
    _notify_holder(report)
    return report


@transaction.atomic
def report_refer(*, report: Report, by, meeting: Meeting, grounds: str) -> Report:
    """Put «suspend the certificate» on the meeting's agenda, through the commission's own
    service (its checks of the question and the certificate apply)."""
    if not permissions.can_triage(report, by):
        raise PermissionDenied
    if not grounds.strip():
        raise ValidationError({"grounds": _("State the grounds for the suspension.")})
    if report.certificate_id is None:
        raise ValidationError(_("Link the report to a certificate first."))
    item = agenda_item_add(
        meeting=meeting,
        by=by,
        application=report.certificate.application,
        question=Question.SUSPEND_CERTIFICATE,
        grounds=grounds,
    )
    report = _transition(report, "refer", by=by, comment=str(meeting))
    report.agenda_item = item
    report.save(update_fields=["agenda_item"])
    _notify_holder(report)
    return report


@transaction.atomic
def report_close(*, report: Report, by, outcome: str, reason: str) -> Report:
    """Close with an outcome (public) and a reason (internal)."""
    outcome = ReportOutcome(outcome)
    if not reason.strip():
        raise ValidationError({"reason": _("State the reason for closing.")})
    report = _transition(report, "close", by=by, comment=reason, outcome=outcome, reason=reason)
    _tell_reporter(report)
    return report


@transaction.atomic
def report_answer(*, report: Report, by, text: str) -> Report:
    """The holder answers a report on its certificate, once the secretary has looked."""
    report.refresh_from_db()
    if not rules.is_holder(report, by) or report.state == ReportState.RECEIVED:
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Write your answer.")})
    report.holder_answer = text.strip()
    report.holder_answered_at = timezone.now()
    report.save(update_fields=["holder_answer", "holder_answered_at"])
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            _secretaries(),
            key=f"report:{report.pk}:answer:{report.holder_answered_at.isoformat()}",
            subject=_("The holder answered report %(code)s") % {"code": report.code},
            body=report.holder_answer[:500],
            url=report.get_absolute_url(),
        )
    return report


def report_decision_adopted(item: AgendaItem) -> None:
    """Decision hook (certification.providers), in the meeting's closing transaction: a report
    put before the commission is closed when its suspension is adopted."""
    if item.question != Question.SUSPEND_CERTIFICATE:
        return
    meeting = item.meeting
    for report in Report.objects.filter(agenda_item=item, state=ReportState.REFERRED):
        _transition(
            report,
            "close",
            by=meeting.closed_by,
            comment=str(meeting.protocol_reference),
            outcome=ReportOutcome.CERTIFICATE_SUSPENDED,
            reason=str(meeting.protocol_reference),
        )
        _tell_reporter(report)


def _tell_reporter(report: Report) -> None:
    """The reporter who left an e-mail hears the outcome (never anyone's data), after commit."""
    if not report.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your report %(code)s is closed") % {"code": report.code}
        body = "\n\n".join(
            [
                _("Outcome: %(outcome)s.") % {"outcome": report.get_outcome_display()},
                settings.SITE_URL + report.get_status_url(),
            ]
        )
    email = report.email
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [email], fail_silently=True), robust=True
    )
