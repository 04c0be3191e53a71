"""The slaughter journal's part of the evidence for «issue the certificate» (GOST 7.6, 8.17),
registered with certification.evidence in SlaughterConfig.ready().

For slaughter products, every batch recorded since the production check started that departs
from GOST 7.6 is listed for the commission. Answering a deviation (what was done about it) is
not built yet: until it is, the deviations are shown for the commission to weigh and do not
refuse the decision by themselves (``blocking=False``); the pages say so."""

from django.utils.translation import gettext as _

from audits.models import CheckStatus, ProductionCheck
from certification.evidence import Finding
from certification.models import Question

from .models import SlaughterEntry


def slaughter_evidence(application, *, question, annex_request=None):
    if question not in (Question.ISSUE, Question.ISSUE_ANNEX):
        return []
    if question == Question.ISSUE_ANNEX and annex_request is not None:
        products = annex_request.products.select_related("category")
    else:
        products = application.products.select_related("category")
    if not any(p.category.involves_slaughter for p in products):
        return []
    check = (
        ProductionCheck.objects.filter(
            application=application,
            annex_request=annex_request if question == Question.ISSUE_ANNEX else None,
            status=CheckStatus.IN_PROGRESS,
            started_at__isnull=False,
        )
        .order_by("-started_at")
        .first()
    )
    if check is None:
        return []
    since = check.started_at.date()
    entries = SlaughterEntry.objects.filter(
        organization=application.organization, date__gte=since
    ).order_by("date", "pk")
    found = []
    for entry in entries:
        for deviation in entry.deviations:
            found.append(
                Finding(
                    _("Slaughter journal, %(date)s, %(line)s: %(deviation)s")
                    % {
                        "date": entry.date.strftime("%d.%m.%Y"),
                        "line": entry.line,
                        "deviation": deviation,
                    },
                    "7.6",
                    blocking=False,
                )
            )
    return found
