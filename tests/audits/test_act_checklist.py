"""The checklist of Annex Ж as reference data: every item of the annex in version 1, versions
pinned to the acts that use them, frozen in the admin once used, copied into new versions."""

import pytest
from django.urls import reverse

from audits.models import ChecklistItem, ChecklistSection, ChecklistVersion
from audits.services.checklist import checklist_version_copy, checklist_version_make_current

# Annex Ж: the items of each of the 20 sections; a section without a list is one item.
ITEMS_PER_SECTION = {
    1: 6,
    2: 2,
    3: 5,
    4: 6,
    5: 1,
    6: 5,
    7: 3,
    8: 13,
    9: 1,
    10: 4,
    11: 1,
    12: 1,
    13: 1,
    14: 1,
    15: 9,
    16: 5,
    17: 3,
    18: 3,
    19: 7,
    20: 1,
}


@pytest.fixture
def version(db):
    """Version 1: Annex Ж as the form prints it."""
    return ChecklistVersion.objects.get(number=1)


@pytest.fixture
def current(db):
    """The version in use: version 2, Annex Ж with the halal requirements of 7.1–7.3, 7.5."""
    return ChecklistVersion.objects.get(is_current=True)


def test_version_2_is_in_use_and_version_1_is_kept(version, current):
    assert (current.number, version.is_current) == (2, False)


def test_every_section_of_annex_zh_is_loaded(version):
    assert list(version.sections.values_list("number", flat=True)) == list(range(1, 21))


def test_items_per_section_match_the_annex(version):
    counts = {
        section.number: section.items.count()
        for section in version.sections.prefetch_related("items")
    }
    assert counts == ITEMS_PER_SECTION


def test_items_are_verbatim(version):
    section_8 = version.sections.get(number=8)
    assert section_8.items.last().text_ru == "хранение контрольных образцов продукции"


def test_a_section_without_a_list_is_its_own_item(version):
    section = version.sections.get(number=11)
    assert section.items.get().text_ru == section.title_ru


def test_every_item_has_an_english_text(version):
    assert not ChecklistItem.objects.filter(section__version=version, text_en="").exists()


def test_a_new_version_copies_every_item(version):
    copy = checklist_version_copy(version=version)
    assert (copy.number, copy.is_current) == (3, False)
    assert ChecklistItem.objects.filter(section__version=copy).count() == 78


def test_a_copy_keeps_the_clauses(current):
    copy = checklist_version_copy(version=current)
    clauses = ChecklistItem.objects.filter(section__version=copy).exclude(clause="")
    assert (
        clauses.count()
        == ChecklistItem.objects.filter(section__version=current).exclude(clause="").count()
        > 0
    )


def test_an_act_keeps_its_version(production_act, current):
    copy = checklist_version_copy(version=current)
    checklist_version_make_current(version=copy)
    section = ChecklistSection.objects.get(version=copy, number=1)
    section.items.update(text_ru="Изменено")
    production_act.refresh_from_db()
    assert production_act.checklist == current
    assert not production_act.results.filter(item__text_ru="Изменено").exists()


def test_new_acts_take_the_current_version(version, act_check, auditor):
    from audits import services

    copy = checklist_version_copy(version=version)
    checklist_version_make_current(version=copy)
    act = services.act_create(check=act_check, by=auditor)
    assert act.checklist == copy
    assert act.results.count() == 78


def test_only_one_version_is_current(version):
    copy = checklist_version_make_current(version=checklist_version_copy(version=version))
    assert list(ChecklistVersion.objects.filter(is_current=True)) == [copy]


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.com", password="x")
    client.force_login(admin)
    return client


def test_used_version_is_read_only_in_the_admin(admin_client, production_act, current):
    from django.utils.translation import gettext

    from audits.admin import USED_VERSION_MESSAGE

    title = current.title
    url = reverse("admin:audits_checklistversion_change", args=[current.pk])
    page = admin_client.get(url).content.decode()
    response = admin_client.post(
        url, {"number": 2, "title": "Другое", "effective_date": "2026-01-01"}
    )
    current.refresh_from_db()
    assert gettext(str(USED_VERSION_MESSAGE)) in page
    assert (response.status_code, current.title) == (403, title)


def test_used_section_is_read_only_in_the_admin(admin_client, production_act, current):
    section = current.sections.get(number=1)
    url = reverse("admin:audits_checklistsection_change", args=[section.pk])
    admin_client.post(url, {"number": 1, "title_ru": "Другое", "title_en": "Other"})
    section.refresh_from_db()
    assert section.title_ru == "Анализ технологической документации"


def test_unused_version_is_editable_in_the_admin(admin_client, version):
    url = reverse("admin:audits_checklistversion_change", args=[version.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="title"' in page


def test_copy_action_in_the_admin(admin_client, production_act, version):
    url = reverse("admin:audits_checklistversion_changelist")
    admin_client.post(url, {"action": "copy_to_new_version", "_selected_action": [version.pk]})
    assert ChecklistVersion.objects.filter(number=3, is_current=False).exists()
