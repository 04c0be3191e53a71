"""Who may act on a production check, a sampling act or a journal: (object, user) -> bool.

Seeing an object is the selectors' business; these say who may change it once it is seen."""


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_org_member(organization, user) -> bool:
    return _active(user) and organization.membership_set.filter(user=user).exists()


def is_applicant(check, user) -> bool:
    """A member of the checked application's organization."""
    return is_org_member(check.application.organization, user)


def is_team_member(check, user) -> bool:
    return _active(user) and check.participants.filter(pk=user.pk).exists()


def is_team_auditor(check, user) -> bool:
    """An expert-auditor of the check's commission (GOST 2.19, Annex Д part 4)."""
    return _active(user) and user.is_auditor and is_team_member(check, user)


def can_manage_program(check, user) -> bool:
    """The secretary or the head draws up the program (GOST 8.13)."""
    return _active(user) and (user.is_secretary or user.is_head)


def can_approve_program(check, user) -> bool:
    """GOST 8.13: the program is approved by the head of the authorized organization."""
    return _active(user) and user.is_head


def can_start_check(check, user) -> bool:
    return can_manage_program(check, user) or is_team_auditor(check, user)


def can_draw_up_sampling(check, user) -> bool:
    """GOST 8.15: samples are taken by an expert-auditor of the body."""
    return is_team_auditor(check, user)


def can_record_delivery(check, user) -> bool:
    """GOST 8.15: the applicant delivers the samples; the auditor may record it for them."""
    return is_applicant(check, user) or is_team_auditor(check, user)


def can_add_lab_report(check, user) -> bool:
    return is_team_auditor(check, user) or (_active(user) and user.is_secretary)


def can_write_journal(organization, user) -> bool:
    """GOST 7.1: the enterprise's halal controller keeps the journal."""
    return is_org_member(organization, user)


# --- the production-check act (GOST 8.16, Annex Ж) ------------------------------------------


def can_draw_up_act(check, user) -> bool:
    """GOST 8.16, SPEC: the expert-auditor of the commission draws up the act and fills it in."""
    return is_team_auditor(check, user)


def is_act_signatory(check, user) -> bool:
    """«Члены комиссии»: every member of the check's commission signs the act."""
    return _active(user) and check.team.filter(user=user).exists()


def can_approve_act(act, user) -> bool:
    """«УТВЕРЖДАЮ»: the head of the authorized organization."""
    return _active(user) and user.is_head


def can_send_act(act, user) -> bool:
    """The secretary (or the head) sends the approved act to the applicant (GOST 8.16)."""
    return _active(user) and (user.is_secretary or user.is_head)


def is_enterprise_head(check, user) -> bool:
    """The applicant's head: the member who manages its organization in the portal."""
    return (
        _active(user)
        and check.application.organization.membership_set.filter(user=user, is_admin=True).exists()
    )


# --- who fires each transition: (the machine's object, user) -> bool, read by halal_portal.workflow


def can_sign_sampling_as_auditor(act, user) -> bool:
    """GOST 8.15: the expert-auditor who took the samples signs the act first."""
    return (
        _active(user)
        and user.pk == act.auditor_id
        and can_draw_up_sampling(act.production_check, user)
    )


def can_sign_sampling_for_applicant(act, user) -> bool:
    """The applicant's representative signs after the auditor."""
    return is_applicant(act.production_check, user)


def can_deliver_sample(sample, user) -> bool:
    return can_record_delivery(sample.act.production_check, user)


def can_record_test(sample, user) -> bool:
    return can_add_lab_report(sample.act.production_check, user)


def can_submit_act(act, user) -> bool:
    return can_draw_up_act(act.production_check, user)


def can_sign_act(act, user) -> bool:
    """A member of the commission signs the submitted act, or returns it to the draft."""
    return is_act_signatory(act.production_check, user)


def can_acknowledge_act(act, user) -> bool:
    return is_enterprise_head(act.production_check, user)
