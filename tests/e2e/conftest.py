"""The production check's fixtures (a started check with its commission) for the browser tests."""

from tests.audits.conftest import (  # noqa: F401
    act_check,
    auditor,
    in_check,
    program,
    ready_program,
    second_member,
)
