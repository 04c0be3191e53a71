"""Forms of the production check: HTML input validation only; the services decide the rules."""

from .act import (
    ActEvidenceForm,
    ActHeaderForm,
    ActReturnForm,
    NonconformityForm,
    SectionForm,
)
from .check import ProgramForm, StagesForm, TeamMemberForm
from .corrective import CorrectiveActionForm, VerifyForm
from .journal import SanitationEntryForm
from .sampling import DeliveryForm, LabReportForm, SampleForm, SamplingActForm

__all__ = [
    "ActEvidenceForm",
    "ActHeaderForm",
    "ActReturnForm",
    "CorrectiveActionForm",
    "DeliveryForm",
    "LabReportForm",
    "NonconformityForm",
    "ProgramForm",
    "SampleForm",
    "SamplingActForm",
    "SanitationEntryForm",
    "SectionForm",
    "StagesForm",
    "TeamMemberForm",
    "VerifyForm",
]
