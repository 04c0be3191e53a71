"""Document review by the commission (GOST 8.10–8.12)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.notifications import notify
from halal_portal.rendering import document_request

from ..models import Application, AppState, Conclusion, Recommendation, Remark, Review
from ..permissions import require_secretary
from .application import _transition
from .fees import invoice_issue


def _members(members) -> list[User]:
    members = list(members)
    if any(not m.is_commission_member for m in members):
        raise ValidationError(_("Only commission members can be assigned."))
    return members


@transaction.atomic
def application_register(*, application: Application, by, members) -> Application:
    """GOST 8.10: the secretary registers a submitted application and forms its commission."""
    require_secretary(by)
    members = _members(members)
    if len(members) < _min_members():
        raise ValidationError(
            _("Assign at least %(count)s commission members.") % {"count": _min_members()}
        )
    application.commission_members.set(members)
    _transition(application, "register", by=by)
    invoice_issue(application=application, stage="document_review")
    with translation.override(settings.LANGUAGE_CODE):
        _notify_assigned(application, members)
    _notify_applicant(application, "registered")
    return application


def _notify_assigned(application: Application, members) -> None:
    notify(
        members,
        key=f"assigned:{application.pk}",
        subject=lambda: (
            _("Application %(number)s is assigned to you") % {"number": application.number}
        ),
        body=lambda: (
            _("Review the dossier of %(org)s and record your findings.")
            % {"org": application.org_name}
        ),
        url=application.get_absolute_url(),
    )


def _min_members() -> int:
    return settings.COMMISSION_MIN_MEMBERS


@transaction.atomic
def application_assign(*, application: Application, by, members) -> Application:
    """Change the commission of an application under review."""
    require_secretary(by)
    members = _members(members)
    if len(members) < _min_members():
        raise ValidationError(
            _("Assign at least %(count)s commission members.") % {"count": _min_members()}
        )
    application.commission_members.set(members)
    return application


@transaction.atomic
def application_return(
    *, application: Application, by, comment: str, remarks: list[tuple] = ()
) -> Application:
    """GOST 8.10: return the dossier for completion with remarks, per document where they
    concern one. The applicant sees them beside each document and resubmits."""
    require_secretary(by)
    remarks = [(doc_type, text.strip()) for doc_type, text in remarks if text and text.strip()]
    if not comment.strip() and not remarks:
        raise ValidationError(_("Say what the applicant must complete."))
    _transition(application, "return_for_completion", by=by, comment=comment.strip())
    Remark.objects.bulk_create(
        Remark(application=application, document_type=doc_type, text=text, by=by)
        for doc_type, text in remarks
    )
    _notify_applicant(application, "returned", comment.strip())
    return application


@transaction.atomic
def review_save(*, application: Application, member, recommendation: str, text: str) -> Review:
    """GOST 8.10: an assigned member records their review of the dossier."""
    if not application.commission_members.filter(pk=member.pk).exists():
        raise PermissionDenied
    if application.state != AppState.DOCUMENT_REVIEW:
        raise ValidationError(_("Reviews are written while the documents are under review."))
    if not text.strip():
        raise ValidationError({"text": _("Write down your findings.")})
    review, _created = Review.objects.update_or_create(
        application=application,
        member=member,
        defaults={"recommendation": Recommendation(recommendation), "text": text.strip()},
    )
    return review


@transaction.atomic
def conclusion_save(
    *, application: Application, by, outcome: str, text: str, grounds: str = ""
) -> Conclusion:
    """GOST 8.11: the commission's conclusion — recommend the production check, or refuse;
    GOST 8.12: a refusal states its grounds."""
    require_secretary(by)
    if application.state != AppState.DOCUMENT_REVIEW:
        raise ValidationError(_("The conclusion is drawn up during the document review."))
    outcome = Recommendation(outcome)
    if not text.strip():
        raise ValidationError({"text": _("Write the conclusion.")})
    if outcome == Recommendation.REFUSE and not grounds.strip():
        raise ValidationError({"grounds": _("A refusal must state its grounds (GOST 8.12).")})
    conclusion, _created = Conclusion.objects.update_or_create(
        application=application,
        defaults={
            "outcome": outcome,
            "text": text.strip(),
            "grounds": grounds.strip() if outcome == Recommendation.REFUSE else "",
            "by": by,
        },
    )
    # GOST 8.11: the conclusion as a document; rewriting it renders the same document again.
    document_request("conclusion", conclusion, refresh=True)
    return conclusion


MESSAGES = {
    "registered": (
        gettext_lazy("Application %(number)s is registered"),
        gettext_lazy("The commission has started the review of your documents."),
    ),
    "returned": (
        gettext_lazy("Application %(number)s is returned for completion"),
        gettext_lazy("Complete the application as the remarks say and submit it again."),
    ),
}


def _notify_applicant(application: Application, event: str, extra: str = "") -> None:
    subject, body = MESSAGES[event]  # lazy: each recipient reads them in their language
    notify(
        application.organization.members.all(),
        key=f"{event}:{application.pk}:{application.transitions.count()}",
        subject=lambda: str(subject) % {"number": application.number},
        body=lambda: str(body) + (f"\n\n{extra}" if extra else ""),
        url=application.get_absolute_url(),
    )
