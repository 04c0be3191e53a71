"""The label review page: findings marked in the text with their clause; a review saved to the
applicant's own product only, then seen by the commission and by nobody else."""

import pytest
from django.urls import reverse

from labelling.models import LabelReview
from tests.factories import add_product
from tests.files import png_upload

pytestmark = pytest.mark.django_db
PAGE = "/labelling/review/"
GELATIN = {"name": "Мармелад жевательный", "ingredients": "сахар, желатин", "language": "ru"}


@pytest.fixture
def product(draft, applicant):
    return add_product(draft, applicant, name="Мармелад жевательный")


def save(client, product, **extra):
    return client.post(PAGE, {**GELATIN, "product": product.pk, "save": "1", **extra})


def test_anyone_sees_the_findings_marked_in_the_text_with_their_clause(client):
    page = client.post(PAGE, {**GELATIN, "review": "1"}).content.decode()
    assert 'aria-describedby="finding-1 finding-2">желатин<sup' in page
    assert "ГОСТ 7.2" in page and "ГОСТ 6" in page


def test_bad_input_is_refused_with_the_field_and_kept(client):
    response = client.post(PAGE, {**GELATIN, "alcohol_percent": "150", "review": "1"})
    assert response.status_code == 400
    assert "сахар, желатин" in response.content.decode()


def test_an_applicant_saves_the_review_to_their_product(client, applicant, product):
    client.force_login(applicant)
    response = save(client, product)
    saved = LabelReview.objects.get()
    assert response.url == saved.get_absolute_url()
    assert (saved.product, saved.verdict, saved.created_by) == (product, "fail", applicant)


def test_the_label_image_is_checked_and_kept(client, applicant, product):
    client.force_login(applicant)
    save(client, product, image=png_upload("label.png"))
    saved = LabelReview.objects.get()
    response = client.get(reverse("labelling:review-image", args=[saved.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_a_review_cannot_be_saved_to_another_organizations_product(client, outsider, product):
    client.force_login(outsider)
    response = save(client, product)
    assert response.status_code == 400 and not LabelReview.objects.exists()


def test_the_saved_review_is_seen_by_the_applicant_and_the_assigned_commission(
    client, applicant, complete_draft, secretary, commission
):
    from certification import services

    product = complete_draft.products.get()
    client.force_login(applicant)
    save(client, product)
    saved = LabelReview.objects.get()
    services.application_submit(application=complete_draft, by=applicant)
    services.application_register(application=complete_draft, by=secretary, members=commission)
    client.force_login(commission[0])
    assert client.get(saved.get_absolute_url()).status_code == 200
    page = client.get(complete_draft.get_absolute_url()).content.decode()
    assert saved.get_absolute_url() in page


def test_an_outsider_gets_404_for_a_saved_review_and_its_image(
    client, applicant, outsider, product
):
    client.force_login(applicant)
    save(client, product, image=png_upload("label.png"))
    saved = LabelReview.objects.get()
    client.force_login(outsider)
    assert client.get(saved.get_absolute_url()).status_code == 404
    assert client.get(reverse("labelling:review-image", args=[saved.pk])).status_code == 404


def test_a_commission_member_not_assigned_gets_404(client, applicant, product, commission_member):
    client.force_login(applicant)
    save(client, product)
    client.force_login(commission_member)
    assert client.get(LabelReview.objects.get().get_absolute_url()).status_code == 404
