"""Checklist version 2: the halal requirements of GOST 7.1, 7.2, 7.3 and 7.5 are items of the
act, each with its clause, in the section of Annex Ж they belong to; an item found not conforming
must have its nonconformity recorded, which the certification gate then requires closed."""

import pytest
from django.core.exceptions import ValidationError

from audits import services
from audits.models import ChecklistItem, ChecklistVersion, ItemStatus


@pytest.fixture
def current(db):
    return ChecklistVersion.objects.get(is_current=True)


def halal_items(version):
    return ChecklistItem.objects.filter(section__version=version).exclude(clause="")


def test_every_checkable_clause_of_7_1_to_7_5_is_an_item(current):
    clauses = set()
    for clause in halal_items(current).values_list("clause", flat=True):
        clauses |= {part.strip() for part in clause.split(",")}
    assert {"7.1", "7.2", "7.3", "7.5"} <= clauses


def test_the_items_sit_in_the_sections_they_belong_to(current):
    by_clause = {}
    for item in halal_items(current).select_related("section"):
        by_clause.setdefault(item.clause.split(",")[0], set()).add(item.section.number)
    assert by_clause["7.2"] == {18}  # packaging and labelling
    assert {13, 19} <= by_clause["7.3"]  # storage; storage, transport and sale
    assert by_clause["7.5"] == {19}  # sale
    assert {10, 11, 12, 15} <= by_clause["7.1"]  # technology, premises, equipment, sanitation


def test_version_2_keeps_every_item_of_annex_zh(current):
    version_1 = ChecklistVersion.objects.get(number=1)
    texts = set(ChecklistItem.objects.filter(section__version=version_1).values_list("text_ru"))
    assert texts <= set(
        ChecklistItem.objects.filter(section__version=current).values_list("text_ru")
    )


def test_every_halal_item_has_its_english_text(current):
    assert not halal_items(current).filter(text_en="").exists()


def test_a_halal_item_found_not_conforming_needs_its_nonconformity(filled_act, auditor):
    vehicles = filled_act.results.get(item__text_ru__startswith="транспортные средства")
    services.section_save(
        act=filled_act,
        by=auditor,
        section=19,
        entries=[
            {
                "item": vehicles.item_id,
                "result": ItemStatus.NONCONFORMITY,
                "comment": "Кузов не обработан перед погрузкой",
                "revision": vehicles.revision,
            }
        ],
    )
    with pytest.raises(ValidationError) as error:
        services.act_submit(act=filled_act, by=auditor)
    assert any("19" in m and "8.16" in m for m in error.value.messages)
