"""Daily reminders: certificates coming to their end (GOST 8.6, 8.18). (The deadlines for
corrective actions, GOST 8.16, are audits'.)

Each reminder has a stable key, so a rerun — the same day, or the next day after a missed run —
sends nothing twice. Ranges rather than exact dates make a missed day harmless: the reminder goes
out at the next run."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Notification
from accounts.notifications import notify

from ..models import FINISHED_STATES, Application, Certificate, CertificateStatus
from ..rules import annex_cutoff


def _date(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def _not_reminded(prefix: str) -> Exists:
    """No one has been sent the reminder ``prefix:<certificate pk>`` yet."""
    return ~Exists(
        Notification.objects.filter(
            key=Concat(Value(f"{prefix}:"), Cast(OuterRef("pk"), CharField()))
        )
    )


def remind_expiring_certificates(*, today: datetime.date | None = None) -> int:
    """Tell the holder six months before the end (renewal; GOST 8.18 annex cut-off) and one
    month before it (renewal). Returns the number of certificates reminded now."""
    today = today or timezone.localdate()
    one_month = today + relativedelta(months=1)
    six_months = today + relativedelta(months=6)
    valid = Certificate.objects.filter(status=CertificateStatus.VALID).select_related(
        "application__organization"
    )
    six = valid.filter(valid_to__gt=one_month, valid_to__lte=six_months).filter(
        _not_reminded("expiry-6m")
    )
    # A holder who has already applied for renewal needs no second invitation.
    renewing = Application.objects.filter(renews=OuterRef("pk")).exclude(state__in=FINISHED_STATES)
    one = (
        valid.filter(valid_to__gte=today, valid_to__lte=one_month)
        .filter(_not_reminded("expiry-1m"))
        .exclude(Exists(renewing))
    )
    count = 0
    with translation.override(settings.LANGUAGE_CODE):
        for certificate in six:
            count += _remind_expiry(certificate, key="expiry-6m", body=_six_months_body)
        for certificate in one:
            count += _remind_expiry(certificate, key="expiry-1m", body=_one_month_body)
    return count


def _six_months_body(certificate: Certificate) -> str:
    # GOST 8.18: no annex within six months of the end of the certificate.
    return _(
        "Certificate %(number)s is valid until %(valid_to)s. After %(cutoff)s annexes with new "
        "products can no longer be added to it (GOST 8.18). To keep the «Halal» sign on your "
        "products, apply for renewal of the certificate in good time."
    ) % {
        "number": certificate.number,
        "valid_to": _date(certificate.valid_to),
        "cutoff": _date(annex_cutoff(certificate)),
    }


def _one_month_body(certificate: Certificate) -> str:
    return _(
        "Certificate %(number)s is valid until %(valid_to)s. After that date the «Halal» sign "
        "may no longer be used under it (GOST 8.6). Apply for renewal of the certificate now."
    ) % {"number": certificate.number, "valid_to": _date(certificate.valid_to)}


def _remind_expiry(certificate: Certificate, *, key: str, body) -> int:
    with transaction.atomic():
        sent = notify(
            certificate.application.organization.members.all(),
            key=f"{key}:{certificate.pk}",
            subject=lambda: (
                _("Certificate %(number)s expires on %(valid_to)s")
                % {"number": certificate.number, "valid_to": _date(certificate.valid_to)}
            ),
            body=lambda: body(certificate),
            url=certificate.get_absolute_url(),
        )
    return 1 if sent else 0
