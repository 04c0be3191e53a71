"""The production check's part of the evidence for the commission's decisions (GOST 8.15–8.18),
registered with certification.evidence in AuditsConfig.ready().

For «issue the certificate» (8.17: «при положительных результатах работ») all must hold:
- the act of Annex Ж is approved by the head and concludes that the enterprise can steadily
  produce «Halal» products (8.16);
- every sample taken under a sampling act (Annex Е) has a laboratory report and every report is a
  pass (8.15), unless the program records that no sampling was needed (stage 3 of Annex Д);
- every nonconformity of the check, and of a suspension, is closed by an accepted corrective
  action (8.16); one corrected during the check needs none.
For «issue an annex» (8.18) the same holds for the annex's own check when its products need one
(certification.rules.annex_needs_check). «Resume the work» needs every nonconformity of the
suspension closed (8.16); «terminate the work» straight after the check needs an act that
concludes negatively.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from certification.evidence import Basis, Finding
from certification.models import AppState, Question
from certification.rules import annex_needs_check

from .models import ActState, CheckStatus, Nonconformity, ProductionCheck

APPROVED_STATES = (ActState.APPROVED, ActState.SENT, ActState.ACKNOWLEDGED)
SAMPLING_STAGE = 3  # Annex Д: «Идентификация продукции и отбор образцов (при необходимости)»


def production_evidence(application, *, question, annex_request=None):
    if question == Question.ISSUE:
        check = _check_of(application, annex_request=None)
        return _check_evidence(application, check, suspensions=True)
    if question == Question.ISSUE_ANNEX and annex_request is not None:
        if not annex_needs_check(annex_request):
            return []
        check = _check_of(application, annex_request=annex_request)
        return _check_evidence(application, check, suspensions=False, annex=True)
    if question == Question.RESUME:
        return _suspension_evidence(application)
    if question == Question.TERMINATE and application.state == AppState.DECISION:
        return _termination_evidence(application)
    if question in (Question.SUSPEND, Question.REFUSE) and application.state == AppState.DECISION:
        act = _approved_act(_check_of(application, annex_request=None))
        return [Basis(str(act.number), act.date)] if act else []
    return []


def _check_of(application, *, annex_request):
    """The latest check of the application (for an annex, the one of that request)."""
    return (
        ProductionCheck.objects.filter(application=application, annex_request=annex_request)
        .exclude(status=CheckStatus.DRAFT)
        .order_by("-created_at", "-pk")
        .first()
    )


def _approved_act(check):
    act = getattr(check, "act", None) if check else None
    return act if act is not None and act.state in APPROVED_STATES else None


def _check_evidence(application, check, *, suspensions: bool, annex: bool = False):
    found = []
    act = _approved_act(check)
    if check is None or not check.is_under_way:
        found.append(
            Finding(
                _("The production of the annex's new products has not been checked.")
                if annex
                else _("The production has not been checked: no check is under way."),
                "8.13",
            )
        )
    elif act is None:
        found.append(
            Finding(
                _(
                    "The production-check act (Annex Ж) is not approved by the head yet: "
                    "the decision rests on it."
                ),
                "8.16",
            )
        )
    elif not act.stable_production:
        found.append(
            Finding(
                _(
                    "The production-check act No. %(number)s of %(date)s concludes that the "
                    "enterprise cannot steadily produce «Halal» products: the commission may "
                    "suspend or terminate the work instead."
                )
                % {"number": act.number, "date": act.date.strftime("%d.%m.%Y")},
                "8.16",
                rules_out=True,
            )
        )
    if check is not None and check.is_under_way:
        found.extend(_sampling_evidence(check))
    found.extend(_open_nonconformities(application, check, suspensions=suspensions))
    if act is not None:
        found.append(Basis(str(act.number), act.date))
    return found


def _sampling_evidence(check):
    """GOST 8.15: every sample has a laboratory report and every report is a pass, unless the
    program records that no sampling was needed."""
    stage = check.stages.filter(number=SAMPLING_STAGE).first()
    if stage is not None and not stage.needed:
        return []
    acts = list(check.sampling_acts.prefetch_related("samples__lab_reports"))
    if not acts:
        return [
            Finding(
                _(
                    "No samples were taken, and the program does not record that none were "
                    "needed (Annex Д, stage 3)."
                ),
                "8.15",
            )
        ]
    found = []
    for act in acts:
        if not act.is_signed:
            found.append(
                Finding(
                    _("The sampling act of %(date)s is not signed by both parties.")
                    % {"date": act.date.strftime("%d.%m.%Y")},
                    "8.15",
                )
            )
        for sample in act.samples.all():
            reports = list(sample.lab_reports.all())
            if not reports:
                found.append(
                    Finding(
                        _("Sample «%(sample)s» has no laboratory report.") % {"sample": sample},
                        "8.15",
                    )
                )
            for report in reports:
                if not report.passed:
                    found.append(
                        Finding(
                            _(
                                "Laboratory report No. %(report)s on sample «%(sample)s» finds "
                                "that it does not conform."
                            )
                            % {"report": report.number, "sample": sample},
                            "8.15",
                        )
                    )
    return found


def _open_nonconformities(application, check, *, suspensions: bool):
    """GOST 8.16: every nonconformity of the check (and of a suspension of the application) is
    closed by an accepted corrective action; one corrected during the check needs none."""
    scope = Q(item_result__act__production_check=check) if check is not None else Q(pk=None)
    if suspensions:
        scope |= Q(agenda_item__isnull=False)
    open_ones = Nonconformity.objects.filter(
        scope, application=application, closed_at__isnull=True, fixed_on_spot=False
    ).order_by("created_at", "pk")
    return [
        Finding(
            _("Nonconformity «%(text)s» is not closed by an accepted corrective action.")
            % {"text": n.description[:120]},
            "8.16",
        )
        for n in open_ones
    ]


def _suspension_evidence(application):
    """GOST 8.16: «При положительных результатах анализа выполнения заявителем корректирующих
    мероприятий комиссия принимает решение о возобновлении работ»."""
    suspension = (
        application.agenda_items.filter(question=Question.SUSPEND, adopted=True)
        .order_by("-meeting__date", "-pk")
        .first()
    )
    if suspension is None:
        return []
    open_ones = suspension.nonconformities.filter(closed_at__isnull=True).order_by("pk")
    return [
        Finding(
            _("Nonconformity «%(text)s» of the suspension has no accepted corrective action.")
            % {"text": n.description[:120]},
            "8.16",
        )
        for n in open_ones
    ]


def _termination_evidence(application):
    """Straight after the check (awaiting decision) the work is terminated on a negative act."""
    act = _approved_act(_check_of(application, annex_request=None))
    if act is None:
        return [
            Finding(
                _("The production-check act (Annex Ж) is not approved by the head yet."), "8.16"
            )
        ]
    if act.stable_production:
        return [
            Finding(
                _(
                    "The production-check act concludes that the enterprise can steadily "
                    "produce «Halal» products: the work is not terminated on it."
                ),
                "8.16",
                rules_out=True,
            ),
            Basis(str(act.number), act.date),
        ]
    return [Basis(str(act.number), act.date)]
