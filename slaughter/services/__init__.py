"""Writes of the slaughter app, by sub-domain: the slaughter journal (GOST 7.6), the
slaughterhouse register of people (7.6.2–7.6.4) and its plant (7.6.5, 7.6.7)."""

from .findings import finding_answer
from .journal import slaughter_entry_record
from .plant import knife_register, knife_retire, line_create, room_create, stunning_check_record
from .readings import stunning_readings_store
from .register import (
    register_documents_remind,
    slaughterhouse_create,
    worker_document_add,
    worker_register,
    worker_remove,
)

__all__ = [
    "finding_answer",
    "knife_register",
    "knife_retire",
    "line_create",
    "room_create",
    "stunning_check_record",
    "stunning_readings_store",
    "register_documents_remind",
    "slaughter_entry_record",
    "slaughterhouse_create",
    "worker_document_add",
    "worker_register",
    "worker_remove",
]
