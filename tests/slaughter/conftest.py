"""The production check's fixtures (a started check, its act) for the slaughter journal."""

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
