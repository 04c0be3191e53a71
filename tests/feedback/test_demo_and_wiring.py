"""The demo's reports, and what feedback registers with certification."""

import pytest
from django.core.management import call_command

from certification import providers
from feedback.models import Report, ReportState
from feedback.panels import timing_panel
from feedback.services import report_decision_adopted


def test_feedback_registers_its_decision_hook_and_its_card():
    assert report_decision_adopted in providers._DECISION_HOOKS
    assert timing_panel in [panel.context for panel in providers._PANELS]


@pytest.mark.django_db
def test_the_demo_has_reports_at_each_stage_once():
    call_command("seed_demo", verbosity=0)
    states = sorted(Report.objects.values_list("state", flat=True))
    call_command("seed_demo", verbosity=0)
    assert sorted(Report.objects.values_list("state", flat=True)) == states
    assert set(states) == {ReportState.RECEIVED, ReportState.ACKNOWLEDGED, ReportState.CLOSED}
    answered = Report.objects.get(state=ReportState.ACKNOWLEDGED)
    assert answered.certificate is not None and answered.holder_answer
