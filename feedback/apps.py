from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Reports of misuse of the sign from the public, and the body's figures in public
    (ISO/IEC 17065 7.13)."""

    name = "feedback"
    verbose_name = _("Reports and figures")

    def ready(self) -> None:
        # A report put on the agenda as «suspend the certificate» is resolved when the meeting
        # that adopts the suspension closes; certification calls its decision hooks then.
        from certification.providers import (
            ApplicationPanel,
            register_agenda_check,
            register_application_panel,
            register_decision_hook,
        )

        from .appeals import agenda_check
        from .panels import appeal_panel, timing_panel
        from .services import report_decision_adopted

        register_decision_hook(report_decision_adopted)
        # No new decision on an application while an appeal against its decision is pending.
        register_agenda_check(agenda_check)
        register_application_panel(ApplicationPanel("feedback/_appeal_panel.html", appeal_panel))
        # The applicant sees its application's days per stage against the public medians.
        register_application_panel(ApplicationPanel("feedback/_timing_panel.html", timing_panel))
