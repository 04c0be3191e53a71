"""Writes of the audits app, by sub-domain: the program of the check (GOST 8.13, Annex Д),
sampling (8.15, Annex Е), corrective actions (8.16) and the sanitation journal (7.1, Annex Б)."""

from .corrective import (
    MAX_EVIDENCE_FILES,
    can_verify,
    corrective_action_file,
    corrective_action_verify,
)
from .journal import sanitation_entry_record
from .program import (
    check_create,
    check_start,
    program_approve,
    program_update,
    stages_update,
    team_member_add,
    team_member_remove,
)
from .sampling import (
    act_initial,
    lab_report_add,
    sample_delete,
    sample_deliver,
    sample_save,
    sampling_act_create,
    sampling_act_sign_applicant,
    sampling_act_sign_auditor,
    sampling_act_update,
)

__all__ = [
    "MAX_EVIDENCE_FILES",
    "act_initial",
    "can_verify",
    "check_create",
    "check_start",
    "corrective_action_file",
    "corrective_action_verify",
    "lab_report_add",
    "program_approve",
    "program_update",
    "sample_delete",
    "sample_deliver",
    "sample_save",
    "sampling_act_create",
    "sampling_act_sign_applicant",
    "sampling_act_sign_auditor",
    "sampling_act_update",
    "sanitation_entry_record",
    "stages_update",
    "team_member_add",
    "team_member_remove",
]
