from .complaints import Complaint, ComplaintLog, ComplaintState, ComplaintTopic
from .reports import (
    Report,
    ReportKind,
    ReportLog,
    ReportOutcome,
    ReportPhoto,
    ReportState,
    StageLog,
    photo_upload_to,
    tracking_code,
)

__all__ = [
    "Complaint",
    "ComplaintLog",
    "ComplaintState",
    "ComplaintTopic",
    "Report",
    "ReportKind",
    "ReportLog",
    "ReportOutcome",
    "ReportPhoto",
    "ReportState",
    "StageLog",
    "photo_upload_to",
    "tracking_code",
]
