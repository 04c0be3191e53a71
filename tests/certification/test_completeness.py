"""Which dossier documents each product category requires (GOST 8.8)."""

import pytest

from certification.models import DocumentType, ProductCategory
from certification.models_support import applicable_document_types
from certification.rules import missing_requirements
from tests.factories import add_product


def required_codes(*category_codes: str) -> set[str]:
    products = [
        type("P", (), {"category": ProductCategory.objects.get(code=c)})() for c in category_codes
    ]
    return {d.code for d in applicable_document_types(products) if d.applicability != "if_any"}


@pytest.mark.django_db
def test_all_23_categories_of_section_1():
    assert ProductCategory.objects.count() == 23


@pytest.mark.django_db
def test_every_item_of_8_8_is_a_document_type():
    assert DocumentType.objects.count() == 19


@pytest.mark.django_db
def test_slaughter_documents_only_for_slaughter_products():
    assert {"slaughter-only", "slaughter-methods", "veterinary"} <= required_codes("meat")
    assert not {"slaughter-only", "slaughter-methods"} & required_codes("confectionery")


@pytest.mark.django_db
def test_veterinary_document_for_animal_raw_materials():
    assert "veterinary" in required_codes("milk")
    assert "veterinary" not in required_codes("bakery")


@pytest.mark.django_db
def test_water_permit_only_for_bottled_waters():
    assert "water-permit" in required_codes("water")
    assert "water-permit" not in required_codes("juices")


@pytest.mark.django_db
def test_fsms_certificate_is_optional():
    assert "fsms-gmp" not in required_codes("meat", "water")


def test_missing_documents_name_the_clause(draft, applicant):
    add_product(draft, applicant, code="meat", name="Говядина охлажденная")
    texts = [str(m) for m in missing_requirements(draft) if m.step == "documents"]
    assert any("убоя" in t and "8.8" in t for t in texts)
