from .check import CheckArea, CheckStage, CheckStatus, CheckTeamMember, ProductionCheck
from .corrective import (
    CorrectiveAction,
    EvidenceFile,
    Nonconformity,
    Severity,
    evidence_upload_to,
)
from .journal import CleaningKind, SanitationEntry, TestKind, WashAgent
from .sampling import (
    ActStatus,
    LabReport,
    Sample,
    SampleStatus,
    SamplingAct,
    lab_report_upload_to,
)

__all__ = [
    "ActStatus",
    "CheckArea",
    "CheckStage",
    "CheckStatus",
    "CheckTeamMember",
    "CleaningKind",
    "CorrectiveAction",
    "EvidenceFile",
    "LabReport",
    "Nonconformity",
    "ProductionCheck",
    "Sample",
    "SampleStatus",
    "SamplingAct",
    "SanitationEntry",
    "Severity",
    "TestKind",
    "WashAgent",
    "evidence_upload_to",
    "lab_report_upload_to",
]
