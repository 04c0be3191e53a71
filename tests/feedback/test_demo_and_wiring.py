"""The demo's reports, and what feedback registers with certification."""

import pytest
from django.core.management import call_command

from certification import providers
from feedback.appeals import agenda_check
from feedback.models import Complaint, ComplaintState, Report, ReportState
from feedback.panels import appeal_panel, timing_panel
from feedback.services import report_decision_adopted


def test_feedback_registers_its_decision_hook_and_its_card():
    assert report_decision_adopted in providers._DECISION_HOOKS
    assert agenda_check in providers._AGENDA_CHECKS
    cards = [panel.context for panel in providers._PANELS]
    assert timing_panel in cards and appeal_panel in cards


@pytest.mark.django_db
def test_the_demo_has_reports_at_each_stage_once():
    call_command("seed_demo", verbosity=0)
    states = sorted(Report.objects.values_list("state", flat=True))
    call_command("seed_demo", verbosity=0)
    assert sorted(Report.objects.values_list("state", flat=True)) == states
    assert set(states) == {ReportState.RECEIVED, ReportState.ACKNOWLEDGED, ReportState.CLOSED}
    answered = Report.objects.get(state=ReportState.ACKNOWLEDGED)
    assert answered.certificate is not None and answered.holder_answer
    assert Complaint.objects.get().state == ComplaintState.ANSWERED
