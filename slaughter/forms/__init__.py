"""HTML input of the slaughter app: the journal and the register."""

from .findings import FindingAnswerForm
from .journal import SlaughterEntryForm
from .plant import KnifeForm, LineForm, RoomForm, StunningCheckForm
from .register import SlaughterhouseForm, WorkerDocumentForm, WorkerForm, WorkerRemoveForm

__all__ = [
    "FindingAnswerForm",
    "KnifeForm",
    "LineForm",
    "RoomForm",
    "StunningCheckForm",
    "SlaughterEntryForm",
    "SlaughterhouseForm",
    "WorkerDocumentForm",
    "WorkerForm",
    "WorkerRemoveForm",
]
