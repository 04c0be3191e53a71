"""A production check at each step: the program drawn up, filled in, approved, started; a
sampling act filled in and signed (GOST 8.13–8.15)."""

import datetime

import pytest
from django.utils import timezone

from audits import services
from tests.audits.helpers import act_data, auditor_with_power, sample_data
from tests.certification.workflow import decide


@pytest.fixture
def auditor(db):
    return auditor_with_power()


@pytest.fixture
def in_check(under_review, secretary, commission):
    """An application the commission sent to the production check (GOST 8.13)."""
    decide(under_review, "proceed", secretary=secretary, members=commission)
    return under_review


@pytest.fixture
def program(in_check, secretary):
    return services.check_create(application=in_check, by=secretary)


def check_dates():
    today = timezone.localdate()
    return today, today + datetime.timedelta(days=2)


@pytest.fixture
def ready_program(program, secretary, auditor):
    """Every part of Annex Д filled in: the program only awaits the head."""
    start, end = check_dates()
    services.program_update(
        check=program, by=secretary, data={"start_date": start, "end_date": end}
    )
    services.team_member_add(check=program, by=secretary, user=auditor)
    services.stages_update(
        check=program,
        by=secretary,
        stages={n: {"executors": [auditor], "needed": True} for n in range(1, 6)},
    )
    program.refresh_from_db()
    return program


@pytest.fixture
def approved(ready_program, head):
    return services.program_approve(check=ready_program, by=head)


@pytest.fixture
def started(approved, auditor):
    return services.check_start(check=approved, by=auditor)


@pytest.fixture
def act(started, auditor):
    act = services.sampling_act_create(check=started, by=auditor, data=act_data(auditor))
    services.sample_save(act=act, by=auditor, data=sample_data())
    return act


@pytest.fixture
def signed_act(act, auditor, applicant):
    services.sampling_act_sign_auditor(act=act, by=auditor)
    return services.sampling_act_sign_applicant(act=act, by=applicant)


@pytest.fixture
def sample(signed_act):
    return signed_act.samples.get()


# --- the production-check act (GOST 8.16, Annex Ж) ---


@pytest.fixture
def second_member(ready_program, secretary):
    """A second member of the check's commission (a commission member of the body)."""
    from tests.factories import UserFactory

    user = UserFactory(role_commission=True, last_name="Сафин", first_name="Марат")
    services.team_member_add(check=ready_program, by=secretary, user=user, position="Член комиссии")
    return user


@pytest.fixture
def act_check(ready_program, second_member, head, auditor):
    """A started check whose commission is the expert-auditor and a second member."""
    services.program_approve(check=ready_program, by=head)
    return services.check_start(check=ready_program, by=auditor)


@pytest.fixture
def production_act(act_check, auditor):
    return services.act_create(check=act_check, by=auditor)


@pytest.fixture
def filled_act(production_act, auditor):
    from tests.audits.helpers import fill_act

    return fill_act(production_act, by=auditor)


@pytest.fixture
def submitted_act(filled_act, auditor):
    return services.act_submit(act=filled_act, by=auditor)


@pytest.fixture
def signed_production_act(submitted_act, auditor, second_member):
    services.act_sign(act=submitted_act, by=auditor)
    return services.act_sign(act=submitted_act, by=second_member)


@pytest.fixture
def sent_act(signed_production_act, head, secretary):
    services.act_approve(act=signed_production_act, by=head)
    return services.act_send(act=signed_production_act, by=secretary)
