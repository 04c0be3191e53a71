"""Each certificate's materialized public record: exactly the public fields, current in the
transaction of every change, filled for existing rows, with the date applied on reading."""

import datetime
import json

import pytest
import time_machine
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone

from certification import registry_records
from certification.models import Certificate, NormativeDocument, ProductCategory
from certification.registry_records import RecordModels, registry_batch, registry_rebuild_all
from tests.certification.workflow import decide

DETAIL = reverse("registry-certificate-detail", kwargs={"number": "ХП.00001"})

RECORD_FIELDS = {
    "act",  # GOST 8.17: the number and date of the act the decision rests on
    "number",
    "status",
    "status_since",
    "status_protocol",
    "valid_from",
    "valid_to",
    "manufacturer_name",
    "manufacturer_address",
    "manufacturer_country",
    "product_type",
    "category",
    "basis",
    "head_name",
    "pdf",
    "products",
    "annexes",
    "events",
}
PRODUCT_FIELDS = {"name", "category", "normative_document", "title", "batch"}
EVENT_FIELDS = {"id", "kind", "status", "at", "protocol", "annex"}
PDF_FIELDS = {"ready", "sha256", "size"}


def record(certificate: Certificate) -> dict | None:
    return Certificate.objects.get(pk=certificate.pk).public_record


@pytest.mark.django_db
def test_the_record_holds_only_the_public_fields(issued):
    data = record(issued)
    assert set(data) == RECORD_FIELDS and set(data["pdf"]) == PDF_FIELDS
    assert set(data["products"][0]) == PRODUCT_FIELDS and set(data["events"][0]) == EVENT_FIELDS


@pytest.mark.django_db
def test_a_decided_certificate_has_no_record_until_it_is_signed(decided):
    assert record(decided) is None


@pytest.mark.django_db
def test_a_suspension_rebuilds_the_record_in_its_transaction(
    issued, under_review, secretary, commission
):
    decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    data = record(issued)
    assert (data["status"], data["events"][-1]["kind"]) == ("suspended", "suspended")


@pytest.mark.django_db
def test_a_suspension_at_a_meeting_builds_the_record_once(
    issued, under_review, secretary, commission, monkeypatch
):
    built = []
    build = registry_records.build_public_records
    monkeypatch.setattr(
        registry_records,
        "build_public_records",
        lambda pks, **kwargs: built.extend(pks) or build(pks, **kwargs),
    )
    decide(under_review, "suspend_certificate", secretary=secretary, members=commission)
    assert built.count(issued.pk) == 1  # not once per save: certificate, event, letter...
    assert record(issued)["status"] == "suspended"


@pytest.mark.django_db
def test_inside_a_batch_the_record_is_written_at_its_end_in_the_transaction(issued):
    with transaction.atomic():
        with registry_batch():
            issued.manufacturer_name = "ООО «Новое имя»"
            issued.save(update_fields=["manufacturer_name"])
            assert record(issued)["manufacturer_name"] != "ООО «Новое имя»"
        assert record(issued)["manufacturer_name"] == "ООО «Новое имя»"


@pytest.mark.django_db
def test_a_failed_batch_rebuilds_nothing_and_its_changes_roll_back(issued):
    before = record(issued)
    with pytest.raises(ZeroDivisionError), transaction.atomic(), registry_batch():
        issued.manufacturer_name = "ООО «Не сохранится»"
        issued.save(update_fields=["manufacturer_name"])
        1 / 0  # noqa: B018
    assert record(issued) == before


def test_a_batch_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError), registry_batch():
        pass


@pytest.mark.django_db
def test_a_renamed_category_reaches_the_record(issued):
    category = ProductCategory.objects.get(code=record(issued)["category"]["code"])
    category.name_ru = "Кондитерские изделия (новое)"
    category.save()
    assert record(issued)["category"]["name_ru"] == "Кондитерские изделия (новое)"


@pytest.mark.django_db
def test_a_corrected_normative_document_reaches_the_record(issued):
    document = NormativeDocument.objects.get(certificateproduct__certificate=issued)
    document.title = "Исправленное название"
    document.save()
    assert record(issued)["products"][0]["title"] == "Исправленное название"


@pytest.mark.django_db
def test_the_data_migration_fills_existing_rows_from_the_historical_models(issued):
    columns = ("public_record", "public_api", "public_api_expired")
    expected = Certificate.objects.values_list(*columns).get(pk=issued.pk)
    Certificate.objects.update(public_record=None, public_api=None, public_api_expired=None)
    apps = MigrationLoader(connection).project_state().apps
    registry_rebuild_all(
        models=RecordModels(
            certificate=apps.get_model("certification", "Certificate"),
            event=apps.get_model("certification", "CertificateEvent"),
            product=apps.get_model("certification", "CertificateProduct"),
            document=apps.get_model("halal_portal", "RenderedDocument"),
        )
    )
    assert Certificate.objects.values_list(*columns).get(pk=issued.pk) == expected


@pytest.mark.django_db
def test_the_api_answers_in_the_record_carry_only_the_public_fields(issued):
    from tests.registry.test_api import DETAIL_FIELDS

    row = Certificate.objects.get(pk=issued.pk)
    answers = (json.loads(row.public_api), json.loads(row.public_api_expired))
    assert set(answers[0]) == set(answers[1]) == DETAIL_FIELDS


@pytest.mark.django_db
def test_the_api_detail_shows_the_record_as_of_today(client, issued):
    data = client.get(DETAIL).json()
    assert (data["status"], data["status_protocol"]) == ("valid", record(issued)["basis"])


@pytest.mark.django_db
def test_past_its_end_date_the_api_detail_says_expired_since_the_next_day(client, issued):
    # GOST 8.6: expired at the start of the day after valid_to, before the nightly job runs.
    with time_machine.travel(issued.valid_to + datetime.timedelta(days=1, hours=12)):
        data = client.get(DETAIL).json()
    next_day = datetime.datetime.combine(
        issued.valid_to + datetime.timedelta(days=1), datetime.time.min
    )
    assert (data["status"], data["status_protocol"]) == ("expired", None)
    assert data["status_since"] == timezone.make_aware(next_day).isoformat()


@pytest.mark.django_db
def test_on_its_last_day_the_api_detail_still_says_valid(client, issued):
    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(issued.valid_to, datetime.time(23, 30)))
    ):
        assert client.get(DETAIL).json()["status"] == "valid"


@pytest.mark.django_db
def test_the_etag_changes_when_the_date_expires_it(client, issued):
    etag = client.get(DETAIL)["ETag"]
    with time_machine.travel(issued.valid_to + datetime.timedelta(days=1, hours=12)):
        response = client.get(DETAIL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response.json()["status"] == "expired"


@pytest.mark.django_db
def test_a_withdrawn_certificate_stays_withdrawn_past_its_end_date(
    client, issued, under_review, secretary, commission
):
    decide(under_review, "withdraw_certificate", secretary=secretary, members=commission)
    with time_machine.travel(issued.valid_to + datetime.timedelta(days=3)):
        assert client.get(DETAIL).json()["status"] == "withdrawn"


def test_every_string_of_the_page_is_in_the_catalog_list():
    # makemessages reads no f-string: registry_html.MSGIDS carries the page's msgids for it.
    import ast
    import inspect

    from certification import registry_html

    tree = ast.parse(inspect.getsource(registry_html))
    used = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "_"
        and isinstance(node.args[0], ast.Constant)
    }
    assert used == set(registry_html.MSGIDS)
