"""HTML input of the slaughter app: the journal and the register."""

from .journal import SlaughterEntryForm
from .register import SlaughterhouseForm, WorkerDocumentForm, WorkerForm, WorkerRemoveForm

__all__ = [
    "SlaughterEntryForm",
    "SlaughterhouseForm",
    "WorkerDocumentForm",
    "WorkerForm",
    "WorkerRemoveForm",
]
