"""The commission, or the expert-auditor during the production check, answers each deviation of
the enterprise's slaughter journal (GOST 8.16, 8.17): accepted with a reason; a nonconformity
raised, which then follows the corrective-action path of 8.16 (the auditor records it in the
act's section 9 through audits' own service; the commission names one of its decision's
nonconformities); or the batch's carcasses declared haram."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from audits import services as audits_services
from audits.models import ActState, Nonconformity, ProductionCheckAct
from certification.models import Application

from ..documents import SLAUGHTER_SECTION
from ..models import Answer, Finding
from ..permissions import can_answer


def finding_description(finding: Finding) -> str:
    """The nonconformity's text, in the language of the portal's documents."""
    entry = finding.entry
    with translation.override(settings.LANGUAGE_CODE):
        return _("Slaughter journal, batch of %(date)s, %(line)s: %(deviation)s") % {
            "date": entry.date.strftime("%d.%m.%Y"),
            "line": entry.line,
            "deviation": finding.message,
        }


def _draft_act(application: Application) -> ProductionCheckAct | None:
    return (
        ProductionCheckAct.objects.filter(
            production_check__application=application, state=ActState.DRAFT
        )
        .order_by("-pk")
        .first()
    )


def _raise_in_act(
    finding: Finding,
    application: Application,
    by: User,
    *,
    severity: str,
    deadline: datetime.date | None,
    fixed_on_spot: bool,
) -> Nonconformity:
    """The auditor records the nonconformity in the draft act, in section 9 (audits' service
    checks that they draw up that act)."""
    act = _draft_act(application)
    result = (
        act.results.filter(item__section__number=SLAUGHTER_SECTION).order_by("item__order").first()
        if act is not None
        else None
    )
    if result is None:
        raise ValidationError(
            {
                "nonconformity": _(
                    "A nonconformity is raised in the draft of the production-check act "
                    "(section 9) or named from the commission's decision; this application has "
                    "neither."
                )
            }
        )
    return audits_services.nonconformity_add(
        result=result,
        by=by,
        description=finding_description(finding),
        severity=severity,
        deadline=deadline,
        fixed_on_spot=fixed_on_spot,
    )


@transaction.atomic
def finding_answer(
    *,
    finding: Finding,
    application: Application,
    by: User,
    answer: str,
    reason: str = "",
    haram_count: int | None = None,
    nonconformity: Nonconformity | None = None,
    severity: str = "",
    deadline: datetime.date | None = None,
    fixed_on_spot: bool = False,
) -> Finding:
    """Answer one deviation. A deviation is answered once; a nonconformity answer whose
    nonconformity was removed from the act's draft may be answered again."""
    if not can_answer(finding, application, by):
        raise PermissionDenied
    finding = Finding.objects.select_for_update().select_related("entry").get(pk=finding.pk)
    if finding.answer and not (
        finding.answer == Answer.NONCONFORMITY and finding.nonconformity_id is None
    ):
        raise ValidationError(_("This deviation is already answered."), code="answered")
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if answer not in Answer.values:
        errors["answer"] = _("Choose the answer.")
    elif answer == Answer.ACCEPTED and not reason:
        errors["reason"] = _("Say why the deviation is accepted.")
    elif answer == Answer.HARAM:
        if not reason:
            errors["reason"] = _("Say why the carcasses are declared haram.")
        head_count = finding.entry.head_count
        if not haram_count or not 1 <= haram_count <= head_count:
            errors["haram_count"] = _("Give how many carcasses, from 1 to %(count)s.") % {
                "count": head_count
            }
    elif (
        answer == Answer.NONCONFORMITY
        and nonconformity is not None
        and nonconformity.application_id != application.pk
    ):
        errors["nonconformity"] = _("Choose a nonconformity of this application.")
    if errors:
        raise ValidationError(errors)
    if answer == Answer.NONCONFORMITY and nonconformity is None:
        nonconformity = _raise_in_act(
            finding,
            application,
            by,
            severity=severity,
            deadline=deadline,
            fixed_on_spot=fixed_on_spot,
        )
    finding.answer = answer
    finding.reason = reason
    finding.haram_count = haram_count if answer == Answer.HARAM else None
    finding.nonconformity = nonconformity if answer == Answer.NONCONFORMITY else None
    finding.application = application
    finding.answered_by = by
    finding.answered_at = timezone.now()
    finding.save()
    return finding
