"""The production check's fixtures (a started check, its act) for the slaughter journal."""

import pytest

from tests.audits.conftest import (  # noqa: F401
    act_check,
    approved,
    auditor,
    in_check,
    production_act,
    program,
    ready_program,
    second_member,
    started,
)


@pytest.fixture
def register(organization, applicant):
    """The enterprise's slaughterhouse with its halal controller (the applicant), two
    slaughterers and a stunning operator, every document valid."""
    from tests.slaughter.helpers import make_register

    return make_register(organization, applicant)


@pytest.fixture
def second_applicant(organization):
    """Another member of the enterprise, not on its register."""
    from tests.factories import MembershipFactory

    return MembershipFactory(organization=organization).user
