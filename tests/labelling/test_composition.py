"""A product's composition in the application (GOST 4, 6, 8.8), from the applicant's declaration
to the commission's resolution (8.10, 8.11) and the «issue» question (8.17)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from certification import rules
from certification import services as certification
from certification.documents.application import conclusion_snapshot
from certification.models import Conclusion
from certification.rules import max_valid_to
from labelling.composition import conclusion_lines, issue_refusals
from labelling.models import ItemStatus, Resolution, ResolutionLog
from labelling.services.composition import (
    composition_item_resolve,
    composition_item_update,
    composition_set,
)
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db
GELATIN_BEEF = "сахар, патока, желатин говяжий, лимонная кислота"


@pytest.fixture
def product(complete_draft):
    return complete_draft.products.get()


def evidence(item, by):
    data = {"supplier": "ООО «Желатин»", "species": "cattle", "halal_slaughter": True}
    return composition_item_update(item=item, by=by, data=data, document=pdf_upload("cert.pdf"))


def test_the_ingredients_are_kept_in_order_and_matched(product, applicant):
    items = composition_set(product=product, by=applicant, text=GELATIN_BEEF + ", кешью")
    assert [i.text for i in items][:3] == ["сахар", "патока", "желатин говяжий"]
    gelatin, cashew = items[2], items[4]
    assert (gelatin.ingredient.code, gelatin.status, gelatin.clause) == ("gelatin", "doubtful", "6")
    assert (gelatin.species, gelatin.animal_derived, gelatin.resolution) == (
        "cattle",
        True,
        Resolution.PENDING,
    )
    assert (cashew.status, cashew.resolution) == (ItemStatus.UNKNOWN, Resolution.PENDING)


def test_a_haram_ingredient_blocks_submission_citing_section_4(product, applicant):
    composition_set(product=product, by=applicant, text="мука, шпик свиной")
    missing = rules.missing_requirements(product.application)
    assert [m.clause for m in missing] == ["4 а) 1)"]
    with pytest.raises(TransitionNotAllowed):
        certification.application_submit(application=product.application, by=applicant)


def test_a_doubtful_ingredient_needs_its_supplier_document_and_species(product, applicant):
    (gelatin,) = composition_set(product=product, by=applicant, text="желатин")
    assert {m.clause for m in rules.missing_requirements(product.application)} == {"8.8", "6"}
    evidence(gelatin, applicant)
    assert rules.missing_requirements(product.application) == []


def test_ethanol_needs_its_source_and_content(product, applicant):
    (ethanol,) = composition_set(product=product, by=applicant, text="спирт этиловый")
    assert ethanol.uses_ethanol
    data = {"supplier": "АО «Спирт»", "ethanol_source": "industrial", "ethanol_percent": "0.5"}
    composition_item_update(item=ethanol, by=applicant, data=data, document=pdf_upload())
    assert rules.missing_requirements(product.application) == []


def test_only_the_applicant_declares_and_only_while_editable(product, applicant, outsider):
    with pytest.raises(PermissionDenied):
        composition_set(product=product, by=outsider, text="сахар")
    composition_set(product=product, by=applicant, text="сахар")
    certification.application_submit(application=product.application, by=applicant)
    with pytest.raises(ValidationError):
        composition_set(product=product, by=applicant, text="сахар, соль")


@pytest.fixture
def reviewed(product, applicant, secretary, commission):
    """Gelatin with its evidence, submitted and under the commission's review."""
    (gelatin,) = composition_set(product=product, by=applicant, text="желатин говяжий")
    evidence(gelatin, applicant)
    certification.application_submit(application=product.application, by=applicant)
    certification.application_register(
        application=product.application, by=secretary, members=commission
    )
    gelatin.refresh_from_db()
    return gelatin


def test_a_member_accepts_a_doubtful_ingredient_with_the_reason(reviewed, commission):
    composition_item_resolve(item=reviewed, by=commission[0], accepted=True, reason="Сертификат")
    reviewed.refresh_from_db()
    assert (reviewed.resolution, reviewed.resolved_by) == (Resolution.ACCEPTED, commission[0])
    log = ResolutionLog.objects.get()
    assert (log.source, log.target, log.reason) == ("pending", "accepted", "Сертификат")


def test_a_resolution_needs_an_assigned_member(reviewed, commission_member):
    with pytest.raises(PermissionDenied):
        composition_item_resolve(item=reviewed, by=commission_member, accepted=True, reason="x")


def test_a_resolution_needs_its_reason(reviewed, commission):
    with pytest.raises(ValidationError):
        composition_item_resolve(item=reviewed, by=commission[0], accepted=True, reason=" ")


def test_an_item_is_resolved_once(reviewed, commission):
    composition_item_resolve(item=reviewed, by=commission[0], accepted=False, reason="Нет")
    with pytest.raises(TransitionNotAllowed):
        composition_item_resolve(item=reviewed, by=commission[1], accepted=True, reason="Да")


def test_an_unresolved_ingredient_blocks_the_issue_question(reviewed, secretary, commission):
    from tests.certification.workflow import decide

    application = reviewed.product.application
    decide(application, "proceed", secretary=secretary, members=commission)
    today = timezone.localdate()
    meeting = certification.meeting_create(by=secretary, date=today)
    with pytest.raises(ValidationError) as refused:
        certification.agenda_item_add(
            meeting=meeting,
            by=secretary,
            application=application,
            question="issue",
            valid_from=today,
            valid_to=max_valid_to(today),
        )
    assert any("желатин говяжий" in message for message in refused.value.messages)


def test_the_resolution_is_part_of_the_conclusion(reviewed, commission):
    composition_item_resolve(item=reviewed, by=commission[0], accepted=True, reason="Сертификат")
    application = reviewed.product.application
    (line,) = conclusion_lines(application)
    assert "желатин говяжий" in line and "Сертификат" in line
    conclusion = Conclusion.objects.create(
        application=application, outcome="production_check", text="Да", by=commission[0]
    )
    assert conclusion_snapshot(conclusion)["resolutions"] == [line]


def test_new_evidence_reopens_a_decided_ingredient(reviewed, commission, applicant, secretary):
    composition_item_resolve(item=reviewed, by=commission[0], accepted=False, reason="Нет")
    application = reviewed.product.application
    certification.application_return(application=application, by=secretary, comment="Сертификат")
    evidence(reviewed, applicant)
    reviewed.refresh_from_db()
    assert reviewed.resolution == Resolution.PENDING
    assert list(ResolutionLog.objects.values_list("target", flat=True)) == ["rejected", "pending"]


# --- the page --------------------------------------------------------------------------------


def page(application):
    return reverse("labelling:composition", args=[application.pk])


def test_the_applicant_declares_the_composition_on_the_page(client, applicant, product):
    client.force_login(applicant)
    data = {"action": "text", "target": product.pk, f"product-{product.pk}-text": GELATIN_BEEF}
    response = client.post(page(product.application), data)
    assert response.status_code == 302 and product.composition.count() == 4
    assert "желатин говяжий" in client.get(page(product.application)).content.decode()


def test_a_member_resolves_on_the_page(client, reviewed, commission):
    client.force_login(commission[0])
    prefix = f"resolve-{reviewed.pk}"
    data = {"action": "resolve", "target": reviewed.pk, f"{prefix}-decision": "accept"}
    refused = client.post(page(reviewed.product.application), data)
    assert refused.status_code == 400  # no reason: the form comes back, nothing lost
    data[f"{prefix}-reason"] = "Сертификат поставщика"
    client.post(page(reviewed.product.application), data)
    reviewed.refresh_from_db()
    assert reviewed.resolution == Resolution.ACCEPTED


def test_an_outsider_gets_404_for_the_page_and_the_evidence(client, reviewed, outsider):
    client.force_login(outsider)
    assert client.get(page(reviewed.product.application)).status_code == 404
    url = reverse("labelling:composition-document", args=[reviewed.pk])
    assert client.get(url).status_code == 404


def test_the_assigned_member_downloads_the_evidence(client, reviewed, commission):
    client.force_login(commission[0])
    url = reverse("labelling:composition-document", args=[reviewed.pk])
    assert client.get(url).status_code == 200


def test_once_accepted_nothing_of_the_composition_holds_the_issue_back(reviewed, commission):
    composition_item_resolve(item=reviewed, by=commission[0], accepted=True, reason="Сертификат")
    assert issue_refusals(reviewed.product.application) == []
