"""Writes of the production-check act (GOST 8.16, Annex Ж).

The expert-auditor of the commission draws the act up once the check is under way and fills it
in section by section (autosaved: every item result carries a revision, and an edit made on an
older revision is refused instead of silently overwriting a newer one). The draft is submitted,
signed by each member of the commission, approved by the head («УТВЕРЖДАЮ»; its PDF is issued
then), sent to the applicant, whose head acknowledges receipt (the PDF is issued again with the
receipt, as a second document). Only a draft changes.

By sub-domain: ``draft`` (drawing the act up, its header and sections), ``findings``
(nonconformities and evidence on items) and ``signatures`` (the way from the draft to the
enterprise head's receipt). What they read is in ``audits.selectors`` and ``audits.rules``."""

from .draft import (
    HEADER_FIELDS,
    SectionSave,
    StaleRevision,
    act_create,
    act_update,
    header_snapshot,
    section_save,
)
from .findings import (
    MAX_ACT_EVIDENCE_FILES,
    act_evidence_add,
    act_evidence_remove,
    nonconformity_add,
    nonconformity_remove,
)
from .signatures import act_acknowledge, act_approve, act_return, act_send, act_sign, act_submit

__all__ = [
    "HEADER_FIELDS",
    "MAX_ACT_EVIDENCE_FILES",
    "SectionSave",
    "StaleRevision",
    "act_acknowledge",
    "act_approve",
    "act_create",
    "act_evidence_add",
    "act_evidence_remove",
    "act_return",
    "act_send",
    "act_sign",
    "act_submit",
    "act_update",
    "header_snapshot",
    "nonconformity_add",
    "nonconformity_remove",
    "section_save",
]
