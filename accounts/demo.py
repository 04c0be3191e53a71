"""Demo data of the accounts, for ``manage.py seed_demo``: one account per role of the body, the
authorized organization's details, the expert-auditor's power of attorney and two applicant
organizations with their first members. Safe to run again: it finds what it made before.

Every demo login has the password PASSWORD."""

from accounts.models import AuthorizedBody, Membership, Organization, PowerOfAttorney, User

PASSWORD = "demo-pass-2026"
# The two demo enterprises, for the demo data of the apps above (their tax ids are unique).
SWEETS_TAX_ID = "1655123456"
MEAT_TAX_ID = "180540012345"

STAFF = [
    # e-mail, last name, first name, middle name, position, roles
    (
        "secretary@example.com",
        "Исмагилова",
        "Алсу",
        "Ринатовна",
        "Секретарь комиссии",
        {"role_secretary": True},
    ),
    (
        "commission1@example.com",
        "Хайруллин",
        "Марат",
        "Ильдарович",
        "Член комиссии",
        {"role_commission": True},
    ),
    (
        "commission2@example.com",
        "Абдуллаева",
        "Диляра",
        "Камилевна",
        "Член комиссии",
        {"role_commission": True},
    ),
    (
        "commission3@example.com",
        "Юсупов",
        "Ренат",
        "Шамилевич",
        "Член комиссии",
        {"role_commission": True},
    ),
    (
        "auditor@example.com",
        "Сабиров",
        "Айдар",
        "Фаритович",
        "Эксперт-аудитор «Халяль»",
        {"role_auditor": True},
    ),
    (
        "head@example.com",
        "Гарипов",
        "Ильдус",
        "Рашитович",
        "Руководитель",
        {"role_head": True, "is_staff": True, "is_superuser": True},
    ),
]

ORGANIZATIONS = [
    (
        "applicant@example.com",
        "Валиев",
        "Тимур",
        "Азатович",
        {
            "full_name": "Общество с ограниченной ответственностью «Казанские сладости»",
            "short_name": "ООО «Казанские сладости»",
            "legal_address": "420021, Республика Татарстан, г. Казань, ул. Габдуллы Тукая, д. 58",
            "country": "Россия",
            "bank_details": "р/с 40702810262000012345 в ПАО Сбербанк, к/с 30101810600000000603, "
            "БИК 049205603",
            "tax_id": SWEETS_TAX_ID,
            "phone": "+7 843 200-10-10",
            "fax": "+7 843 200-10-11",
            "email": "office@sweets.example.com",
            "head_name": "Валиев Т. А.",
            "head_position": "Генеральный директор",
            "chief_accountant_name": "Зарипова Г. Р.",
            "contact_person": "Валиев Тимур Азатович",
            "contact_phone": "+7 843 200-10-12",
        },
    ),
    (
        "applicant2@example.com",
        "Нурланова",
        "Айгерим",
        "Сериковна",
        {
            "full_name": "Товарищество с ограниченной ответственностью «Дала Ет»",
            "short_name": "ТОО «Дала Ет»",
            "legal_address": "050000, г. Алматы, пр. Абая, д. 150",
            "country": "Казахстан",
            "bank_details": (
                "ИИК KZ12601A861000123456 в АО «Народный банк Казахстана», БИК HSBKKZKX"
            ),
            "tax_id": MEAT_TAX_ID,
            "phone": "+7 727 300-20-20",
            "head_name": "Нурланова А. С.",
            "head_position": "Директор",
            "chief_accountant_name": "Оспанова Ж. К.",
            "contact_person": "Нурланова Айгерим Сериковна",
            "contact_phone": "+7 727 300-20-21",
        },
    ),
]


def user(email, last, first, middle, position="", **flags) -> User:
    account, created = User.objects.get_or_create(
        email=email,
        defaults={
            "last_name": last,
            "first_name": first,
            "middle_name": middle,
            "position": position,
            "email_confirmed": True,
            **flags,
        },
    )
    if created:
        account.set_password(PASSWORD)
        account.save()
    return account


def seed() -> None:
    for email, last, first, middle, position, roles in STAFF:
        user(email, last, first, middle, position, **roles)
    head = User.objects.get(email="head@example.com")
    body = AuthorizedBody.get()
    if body.head_name == "—":
        body.name = "Комитет по стандарту «Халяль» Духовного управления мусульман"
        body.legal_address = "420111, Республика Татарстан, г. Казань, ул. Габдуллы Тукая, д. 1"
        body.phone = "+7 843 000-00-00"
        body.email = "halal@example.com"
        body.head_name = "И. Р. Гарипов"
        body.head_position = "Руководитель"
        body.head = head
        body.save()
    auditor = User.objects.get(email="auditor@example.com")
    PowerOfAttorney.objects.get_or_create(
        auditor=auditor,
        number="ДУМ-17/2026",
        defaults={
            "issued_by": "Духовное управление мусульман",
            "valid_from": "2026-01-01",
            "valid_to": "2027-12-31",
        },
    )
    for email, last, first, middle, details in ORGANIZATIONS:
        member = user(email, last, first, middle)
        organization, _created = Organization.objects.get_or_create(
            tax_id=details["tax_id"], defaults=details
        )
        Membership.objects.get_or_create(
            organization=organization, user=member, defaults={"is_admin": True}
        )
