"""The application's steps as the applicant uses them: what each step shows as done, typed input
never lost, bad values refused with a message (never a raw database text)."""

from django.urls import reverse


def step_url(application, step: str) -> str:
    return reverse("certification:application-step", kwargs={"pk": application.pk, "step": step})


def step_labels(content: str) -> list[str]:
    """The wizard's steps as printed: «4. Declaration ✓» for a done one."""
    import re

    nav = content.split('class="steps"', 1)[1].split("</ol>", 1)[0]
    return [re.sub(r"<[^>]+>", "", a).strip() for a in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]


def test_new_empty_application_shows_no_declaration_as_done(client, applicant, draft):
    client.force_login(applicant)
    labels = step_labels(client.get(step_url(draft, "organization")).content.decode())
    declaration = next(label for label in labels if label.startswith("4."))
    assert "✓" not in declaration


def product_post(**extra) -> dict:
    from tests.factories import category, normative_document

    return {
        "product-name": "Халва подсолнечная",
        "product-category": category().pk,
        "product-normative_document": normative_document().pk,
        "product-serial_production": "on",
        **extra,
    }


def halal_standard():
    from tests.factories import normative_document

    return normative_document("ГОСТ «Продукция «Халяль»»")


def test_save_and_continue_saves_the_product_typed_and_not_yet_added(client, applicant, draft):
    client.force_login(applicant)
    response = client.post(
        step_url(draft, "products"),
        product_post(save_standard="continue", standard=halal_standard().pk),
    )
    draft.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == step_url(draft, "documents")
    assert list(draft.products.values_list("name", flat=True)) == ["Халва подсолнечная"]
    assert draft.standard == halal_standard()


def test_save_and_continue_with_a_bad_product_keeps_what_was_typed(client, applicant, draft):
    client.force_login(applicant)
    response = client.post(
        step_url(draft, "products"),
        product_post(
            save_standard="continue",
            standard=halal_standard().pk,
            **{"product-serial_production": "", "product-batch_size": "500 кг"},
        ),
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'value="Халва подсолнечная"' in content and 'value="500 кг"' in content
    assert not draft.products.exists()


def test_a_constraint_reads_as_a_message_not_a_database_text(client, applicant, draft):
    """Л.4.4 (constraint product_serial_or_batch): a translated message beside the field."""
    client.force_login(applicant)
    response = client.post(
        step_url(draft, "products"),
        product_post(save_product="1", **{"product-serial_production": ""}),
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "product_serial_or_batch" not in content
    assert "Л.4.4" in content


def test_a_batch_made_in_the_future_is_refused(client, applicant, draft):
    import datetime

    from django.utils import timezone

    ahead = timezone.localdate() + datetime.timedelta(days=5 * 365)
    client.force_login(applicant)
    response = client.post(
        step_url(draft, "products"),
        product_post(
            save_product="1",
            **{
                "product-serial_production": "",
                "product-batch_number": "17",
                "product-batch_date": ahead.isoformat(),
            },
        ),
    )
    assert response.status_code == 400 and not draft.products.exists()
    assert "batch_date" in response.content.decode()  # the error sits beside its field


def test_a_batch_date_of_today_is_accepted(client, applicant, draft):
    from django.utils import timezone

    client.force_login(applicant)
    response = client.post(
        step_url(draft, "products"),
        product_post(
            save_product="1",
            **{
                "product-serial_production": "",
                "product-batch_number": "17",
                "product-batch_date": timezone.localdate().isoformat(),
                "product-batch_size": "500 кг",
            },
        ),
    )
    assert response.status_code == 302 and draft.products.count() == 1


def test_a_negative_or_zero_batch_size_is_refused(client, applicant, draft):
    client.force_login(applicant)
    for size in ("-500 кг", "0 кг", "много"):
        response = client.post(
            step_url(draft, "products"),
            product_post(
                save_product="1",
                **{
                    "product-serial_production": "",
                    "product-batch_number": "17",
                    "product-batch_size": size,
                },
            ),
        )
        assert response.status_code == 400, size
    assert not draft.products.exists()


def test_a_legal_address_of_any_length_is_refused_with_a_message(client, applicant, draft):
    from tests.factories import OrganizationFactory

    data = {
        field: value
        for field, value in OrganizationFactory.build().__dict__.items()
        if isinstance(value, str) and not field.startswith("_")
    }
    form = {
        **{k: v for k, v in data.items() if k in ("legal_address", "bank_details", "phone")},
        "org_name": "ООО «Халяль Продукт»",
        "country": "Россия",
        "tax_id": "1655000000",
        "head_name": "Сафин Р. Р.",
        "legal_address": "г. Казань, " * 10_000,
    }
    client.force_login(applicant)
    response = client.post(step_url(draft, "organization"), form)
    draft.refresh_from_db()
    assert response.status_code == 400
    assert len(draft.legal_address) < 1000
