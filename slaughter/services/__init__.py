"""Writes of the slaughter app, by sub-domain: the slaughter journal (GOST 7.6) and the
slaughterhouse register (7.6.2–7.6.4)."""

from .journal import slaughter_entry_record
from .register import (
    register_documents_remind,
    slaughterhouse_create,
    worker_document_add,
    worker_register,
    worker_remove,
)

__all__ = [
    "register_documents_remind",
    "slaughter_entry_record",
    "slaughterhouse_create",
    "worker_document_add",
    "worker_register",
    "worker_remove",
]
