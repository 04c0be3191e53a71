"""Pure checks and dates of the reports: no writes."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def gtin_is_valid(code: str) -> bool:
    """GS1 GTIN-8/12/13/14: the last digit is the mod-10 check digit of the others, weighted
    3,1,3,… from the right."""
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return False
    digits = [int(c) for c in code]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def validate_gtin(code: str) -> None:
    if code and not gtin_is_valid(code):
        raise ValidationError(
            _("The barcode %(code)s is not a valid GTIN: check the digits under the bars.")
            % {"code": code},
            code="gtin",
        )


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """``days`` working days (Monday to Friday) after ``start``."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def acknowledge_due(received: datetime.date) -> datetime.date:
    """The secretary acknowledges a report within REPORT_ACKNOWLEDGE_WORKING_DAYS."""
    return add_working_days(received, settings.REPORT_ACKNOWLEDGE_WORKING_DAYS)


def decide_due(received: datetime.date) -> datetime.date:
    """The report is decided within REPORT_DECIDE_DAYS calendar days of its receipt."""
    return received + datetime.timedelta(days=settings.REPORT_DECIDE_DAYS)


def has_certificate(report) -> bool:
    """Only a report linked to a certificate can ask the commission to suspend it."""
    return report.certificate_id is not None


def is_holder(report, user) -> bool:
    """The members of the organization whose certificate the report concerns."""
    if not (user.is_authenticated and user.is_active and report.certificate_id):
        return False
    organization = report.certificate.application.organization
    return organization.membership_set.filter(user=user).exists()
