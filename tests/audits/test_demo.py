"""`audits.demo.seed_audits`: the demo check, act and journals, made once; each demo certificate
has its own check behind it (audits.demo.seed_certificates, tested in tests/test_seed_demo)."""

import pytest
from django.core.management import call_command

from audits.demo import PRODUCT, seed_audits
from audits.models import CheckStatus, LabReport, ProductionCheck, SamplingAct, SanitationEntry
from certification.models import Certificate


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
    seed_audits()
    first = counts()
    seed_audits()
    certificates = Certificate.objects.count()  # one check, act and report behind each
    assert counts() == first == (certificates + 1, certificates + 1, certificates + 1, 4)
    demo = ProductionCheck.objects.get(application__products__name=PRODUCT)
    assert demo.status == CheckStatus.IN_PROGRESS


@pytest.mark.django_db
def test_seed_audits_makes_a_half_filled_act_once():
    from audits.models import Nonconformity, ProductionCheckAct

    call_command("seed_demo", verbosity=0)
    seed_audits()
    seed_audits()
    act = ProductionCheckAct.objects.get(state="draft")
    # Sections 1–14 checked; 15–20 still to do but for the item with the nonconformity.
    to_do = act.results.filter(item__section__number__gte=15).count() - 1
    assert act.results.filter(result="not_checked").count() == to_do
    assert Nonconformity.objects.filter(item_result__act=act).get().deadline is not None
