import factory

from accounts.models import Membership, Organization, User
from certification import services
from certification.models import Application, NormativeDocument, ProductCategory
from certification.models_support import applicable_document_types
from tests.files import pdf_upload

PASSWORD = "demo-pass-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    last_name = factory.Faker("last_name", locale="ru_RU")
    first_name = factory.Faker("first_name", locale="ru_RU")
    email_confirmed = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    full_name = factory.Sequence(lambda n: f"ООО «Халяль Продукт {n}»")
    legal_address = "420000, г. Казань, ул. Баумана, д. 1"
    country = "Россия"
    bank_details = "р/с 40702810000000000001 в ПАО «Банк», БИК 049205000"
    tax_id = factory.Sequence(lambda n: f"16{n:08d}")
    phone = "+7 843 000-00-00"
    head_name = "Сафин Р. Р."
    chief_accountant_name = "Галиева Л. М."
    contact_person = "Хасанов И. И."
    contact_phone = "+7 843 000-00-01"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    is_admin = True
    is_head = True  # GOST 8.9: the applicant in the tests heads the organization


def category(code: str = "confectionery") -> ProductCategory:
    return ProductCategory.objects.get(code=code)


def normative_document(designation: str = "ГОСТ 6478-2017") -> NormativeDocument:
    return NormativeDocument.objects.get(designation=designation)


def add_product(application: Application, by, *, code: str = "confectionery", **extra):
    data = {
        "name": extra.pop("name", "Пахлава медовая"),
        "category": category(code),
        "normative_document": extra.pop("normative_document", normative_document()),
        "serial_production": True,
        **extra,
    }
    return services.product_save(application=application, by=by, data=data)


def document_dates(doc_type) -> dict:
    """GOST 8.8: dates that keep a document of ``doc_type`` in date for a year from today."""
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    ends = doc_type.in_date_rule == "valid_on_submission"
    return {
        "document_date": today,
        "valid_until": today + datetime.timedelta(days=365) if ends else None,
    }


def complete_application(application: Application, *, by, code: str = "confectionery"):
    """Fill every part of Annex Г, upload each required document and sign the declarations."""
    services.application_update(
        application=application,
        by=by,
        data={
            "undertakings_accepted": True,
            "standard": normative_document("ГОСТ «Продукция «Халяль»»"),
        },
    )
    if not application.products.exists():
        add_product(application, by, code=code)
    products = list(application.products.select_related("category"))
    for doc_type in applicable_document_types(products):
        if doc_type.signed_online or doc_type.applicability == "if_any":
            continue
        services.dossier_file_add(
            application=application,
            document_type=doc_type,
            upload=pdf_upload(),
            by=by,
            **document_dates(doc_type),
        )
    for nd in {p.normative_document for p in products}:
        services.declaration_sign(application=application, normative_document=nd, by=by)
    application.refresh_from_db()
    return application
