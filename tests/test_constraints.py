"""Every database constraint that a form or a service can meet has a translated message of its
own: a user never reads «Constraint “…” is violated» (Django's default names the constraint)."""

import pytest
from django.apps import apps
from django.db.models import BaseConstraint, CheckConstraint, UniqueConstraint
from django.utils import translation

PROJECT_APPS = ("accounts", "halal_portal", "certification", "audits", "slaughter", "labelling")


def constraints():
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            for constraint in model._meta.constraints:
                # A plain unique constraint gets Django's «… with this … already exists».
                if isinstance(constraint, CheckConstraint) or (
                    isinstance(constraint, UniqueConstraint) and constraint.condition is not None
                ):
                    yield pytest.param(constraint, id=f"{model._meta.label}.{constraint.name}")


@pytest.mark.parametrize("constraint", list(constraints()))
def test_constraint_has_its_own_translated_message(constraint):
    default = BaseConstraint.default_violation_error_message
    assert constraint.violation_error_message != default
    with translation.override("ru"):
        russian = str(constraint.violation_error_message)
    with translation.override("en"):
        english = str(constraint.violation_error_message)
    assert russian != english  # translated
    assert constraint.name not in russian
