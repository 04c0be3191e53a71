from django.urls import path

from .views import act, act_findings, check, corrective, journal, sampling

app_name = "audits"

urlpatterns = [
    # --- the program and the check (GOST 8.13, Annex Д) ---
    path("", check.check_list, name="check-list"),
    path("applications/<int:pk>/checks/new/", check.check_create, name="check-create"),
    path("checks/<int:check_pk>/", check.check_detail, name="check-detail"),
    path("checks/<int:check_pk>/edit/", check.check_edit, name="check-edit"),
    path("checks/<int:check_pk>/team/", check.team_add, name="check-team-add"),
    path(
        "checks/<int:check_pk>/team/<int:member_pk>/remove/",
        check.team_remove,
        name="check-team-remove",
    ),
    path("checks/<int:check_pk>/stages/", check.stages, name="check-stages"),
    path("checks/<int:check_pk>/approve/", check.approve, name="check-approve"),
    path("checks/<int:check_pk>/start/", check.start, name="check-start"),
    # --- sampling (GOST 8.15, Annex Е) ---
    path("checks/<int:check_pk>/sampling/new/", sampling.sampling_create, name="sampling-create"),
    path(
        "checks/<int:check_pk>/sampling/<int:act_pk>/",
        sampling.sampling_detail,
        name="sampling-detail",
    ),
    path(
        "checks/<int:check_pk>/sampling/<int:act_pk>/edit/",
        sampling.sampling_edit,
        name="sampling-edit",
    ),
    path(
        "checks/<int:check_pk>/sampling/<int:act_pk>/sign/",
        sampling.sampling_sign,
        name="sampling-sign",
    ),
    path(
        "checks/<int:check_pk>/sampling/<int:act_pk>/samples/new/",
        sampling.sample_create,
        name="sample-create",
    ),
    path(
        "checks/<int:check_pk>/samples/<int:sample_pk>/edit/",
        sampling.sample_edit,
        name="sample-edit",
    ),
    path(
        "checks/<int:check_pk>/samples/<int:sample_pk>/delete/",
        sampling.sample_delete,
        name="sample-delete",
    ),
    path(
        "checks/<int:check_pk>/samples/<int:sample_pk>/deliver/",
        sampling.sample_deliver,
        name="sample-deliver",
    ),
    path(
        "checks/<int:check_pk>/samples/<int:sample_pk>/reports/",
        sampling.lab_report_add,
        name="lab-report-add",
    ),
    path(
        "checks/<int:check_pk>/reports/<int:report_pk>/",
        sampling.lab_report_download,
        name="lab-report-download",
    ),
    # --- the production-check act (GOST 8.16, Annex Ж) ---
    path("checks/<int:check_pk>/act/new/", act.act_create, name="act-create"),
    path("checks/<int:check_pk>/act/", act.act_detail, name="act-detail"),
    path("checks/<int:check_pk>/act/sections/<int:section>/", act.act_section, name="act-section"),
    path(
        "checks/<int:check_pk>/act/sections/<int:section>/save/",
        act.act_section_save,
        name="act-section-save",
    ),
    path(
        "checks/<int:check_pk>/act/items/<int:result_pk>/nonconformities/",
        act_findings.nonconformity_add,
        name="act-nonconformity-add",
    ),
    path(
        "checks/<int:check_pk>/act/nonconformities/<int:nonconformity_pk>/remove/",
        act_findings.nonconformity_remove,
        name="act-nonconformity-remove",
    ),
    path(
        "checks/<int:check_pk>/act/items/<int:result_pk>/evidence/",
        act_findings.act_evidence_add,
        name="act-evidence-add",
    ),
    path(
        "checks/<int:check_pk>/act/evidence/<int:evidence_file_pk>/",
        act_findings.act_evidence,
        name="act-evidence",
    ),
    path(
        "checks/<int:check_pk>/act/evidence/<int:evidence_file_pk>/remove/",
        act_findings.act_evidence_remove,
        name="act-evidence-remove",
    ),
    path("checks/<int:check_pk>/act/submit/", act.act_submit, name="act-submit"),
    path("checks/<int:check_pk>/act/sign/", act.act_sign, name="act-sign"),
    path("checks/<int:check_pk>/act/return/", act.act_return, name="act-return"),
    path("checks/<int:check_pk>/act/approve/", act.act_approve, name="act-approve"),
    path("checks/<int:check_pk>/act/send/", act.act_send, name="act-send"),
    path("checks/<int:check_pk>/act/acknowledge/", act.act_acknowledge, name="act-acknowledge"),
    # --- the sanitation journal (GOST 7.1, Annex Б) ---
    path("organizations/<int:org_pk>/sanitation/", journal.journal, name="journal"),
    path(
        "organizations/<int:org_pk>/sanitation/new/",
        journal.journal_entry_create,
        name="journal-entry-create",
    ),
    path(
        "organizations/<int:org_pk>/sanitation/<int:entry_pk>/",
        journal.journal_entry,
        name="journal-entry",
    ),
    # --- corrective actions while the work is suspended (GOST 8.16) ---
    path(
        "applications/<int:pk>/nonconformities/<int:nonconformity_pk>/action/",
        corrective.corrective_action_create,
        name="application-corrective-action",
    ),
    path(
        "applications/<int:pk>/actions/<int:action_pk>/verify/",
        corrective.corrective_action_verify,
        name="application-action-verify",
    ),
    path(
        "applications/<int:pk>/evidence/<int:evidence_pk>/",
        corrective.evidence_download,
        name="application-evidence",
    ),
]
