"""`audits.demo.seed`: the demo check, act and journals, made once."""

import pytest
from django.core.management import call_command

from audits import demo
from audits.models import CheckStatus, LabReport, ProductionCheck, SamplingAct, SanitationEntry


def counts() -> tuple:
    return (
        ProductionCheck.objects.count(),
        SamplingAct.objects.count(),
        LabReport.objects.count(),
        SanitationEntry.objects.count(),
    )


@pytest.mark.django_db
def test_seed_audits_makes_a_started_check_and_journals_once():
    call_command("seed_demo", verbosity=0)
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first == (1, 1, 1, 4)
    assert ProductionCheck.objects.get().status == CheckStatus.IN_PROGRESS


@pytest.mark.django_db
def test_seed_audits_makes_a_half_filled_act_once():
    from audits.models import Nonconformity, ProductionCheckAct

    call_command("seed_demo", verbosity=0)
    demo.seed()
    demo.seed()
    act = ProductionCheckAct.objects.get()
    assert act.results.filter(result="not_checked").count() == 9 + 5 + 3 + 3 + 7 + 1 - 1
    assert Nonconformity.objects.filter(item_result__act=act).get().deadline is not None
