"""Demo slaughterhouse (GOST 7.6) of the demo meat enterprise: its register of people with their
documents, and a week of batches on its cattle and poultry lines, one of them with deviations,
as its halal controller would record them. Everything goes through the services."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import MEAT_TAX_ID
from accounts.models import Organization, User
from certification.demo import demo_pdf

from .models import DocumentKind, Slaughterhouse, WorkerRole
from .rules.entry import ANSWERS
from .services import (
    knife_register,
    line_create,
    room_create,
    slaughter_entry_record,
    slaughterhouse_create,
    stunning_check_record,
    worker_document_add,
    worker_register,
)

SLAUGHTERHOUSE = "Бойня № 1"
CATTLE_LINE = "Линия убоя КРС № 1"
POULTRY_LINE = "Линия убоя птицы № 2"
ISSUER_PERMIT = "Духовное управление мусульман Республики Татарстан"
ISSUER_TRAINING = "Учебный центр «Халяль-стандарт»"
ISSUER_MEDICAL = "ГАУЗ «Городская поликлиника № 7»"

# name, role, date of birth; the halal controller signs under the demo applicant's account
PEOPLE = [
    ("Нурланова Айгерим Сериковна", WorkerRole.CONTROLLER, datetime.date(1986, 4, 12)),
    ("Хабибуллин Ренат Фаридович", WorkerRole.SLAUGHTERER, datetime.date(1979, 9, 3)),
    ("Закиров Ильдар Маратович", WorkerRole.SLAUGHTERER, datetime.date(1990, 1, 22)),
    ("Нуриев Азат Айдарович", WorkerRole.SLAUGHTERER, datetime.date(1994, 6, 30)),
    ("Сафиуллин Тимур Русланович", WorkerRole.OPERATOR, datetime.date(1988, 11, 5)),
]
DOCUMENTS = {
    DocumentKind.QUALIFICATION: ISSUER_TRAINING,
    DocumentKind.PERMIT: ISSUER_PERMIT,
    DocumentKind.MEDICAL: ISSUER_MEDICAL,
}


def _register(meat: Organization, controller: User, today: datetime.date) -> Slaughterhouse:
    house = slaughterhouse_create(
        organization=meat,
        by=controller,
        data={"name": SLAUGHTERHOUSE, "address": "422700, Республика Татарстан, с. Высокая Гора"},
    )
    issued = today - datetime.timedelta(days=300)
    for number, (name, role, born) in enumerate(PEOPLE, start=1):
        worker = worker_register(
            slaughterhouse=house,
            by=controller,
            data={
                "role": role,
                "full_name": name,
                "birth_date": born,
                "user": controller if role == WorkerRole.CONTROLLER else None,
                "since": issued,
            },
        )
        for kind, issuer in DOCUMENTS.items():
            if kind == DocumentKind.PERMIT and role == WorkerRole.OPERATOR:
                continue  # GOST 7.6.3: the operator needs no permit to slaughter
            # The operator's medical certificate ends soon: the register lists it.
            ends_soon = kind == DocumentKind.MEDICAL and role == WorkerRole.OPERATOR
            valid_to = today + datetime.timedelta(days=20 if ends_soon else 400)
            worker_document_add(
                worker=worker,
                by=controller,
                data={
                    "kind": kind,
                    "issuer": issuer,
                    "number": f"{number:02d}-{kind[:3].upper()}-2026",
                    "issued_on": issued,
                    "valid_to": valid_to,
                },
                upload=demo_pdf(f"{DocumentKind(kind).label} {name}"),
            )
    _plant(house, controller, issued)
    return house


def _plant(house: Slaughterhouse, by: User, since: datetime.date) -> None:
    """Rooms, two lines under video recording (GOST 7.1, 7.6.7) and the cattle line's knives
    (7.6.5)."""
    rooms = {
        kind: room_create(slaughterhouse=house, by=by, data={"name": name, "kind": kind})
        for kind, name in (
            ("holding", "Предубойное помещение"),
            ("stunning", "Бокс оглушения"),
            ("slaughter", "Цех убоя"),
        )
    }
    for name in (CATTLE_LINE, POULTRY_LINE):
        line = line_create(
            slaughterhouse=house,
            by=by,
            data={
                "name": name,
                "slaughter_room": rooms["slaughter"],
                "stunning_room": rooms["stunning"],
                "video_recording": True,
            },
        )
        if name == CATTLE_LINE:
            for label in ("Нож № 1", "Нож № 2"):
                knife_register(
                    line=line,
                    by=by,
                    data={
                        "label": label,
                        "blade_length_mm": Decimal("420"),
                        "material": "stainless_steel",
                        "registered_on": since,
                    },
                )


def seed() -> None:
    try:
        controller = User.objects.get(email="applicant2@example.com")
        meat = Organization.objects.get(tax_id=MEAT_TAX_ID)
    except (User.DoesNotExist, Organization.DoesNotExist):
        return  # the accounts' demo comes first
    if meat.slaughter_entries.exists():
        return
    today = timezone.localdate()
    house = meat.slaughterhouses.filter(name=SLAUGHTERHOUSE).first() or _register(
        meat, controller, today
    )
    people = {w.full_name.split()[0]: w for w in house.workers.all()}
    lines = {line.name: line for line in house.lines.all()}
    knife = lines[CATTLE_LINE].knives.first()
    # The controller confirms every record the journal asks a yes or no for.
    checked = dict.fromkeys(ANSWERS, True)
    cattle = checked | {
        "line": lines[CATTLE_LINE],
        "species": "steers",
        "method": "manual",
        "slaughterers": [people["Хабибуллин"], people["Закиров"]],
        "knife": knife,
        "neck_width_mm": Decimal("190"),
        "stunning_operator": people["Сафиуллин"],
        "stunning": "electrical",
        "current_a": Decimal("2.00"),
        "duration_s": Decimal("2.50"),
        "stun_to_slaughter_s": 90,
    }
    poultry = checked | {
        "line": lines[POULTRY_LINE],
        "species": "chickens",
        "method": "mechanical",
        "slaughterers": [people["Нуриев"]],
        "stunning_operator": people["Сафиуллин"],
        "stunning": "electrical",
        "current_a": Decimal("0.375"),
        "duration_s": Decimal("4.00"),
        "stun_to_slaughter_s": 20,
    }
    batches = [
        (6, cattle | {"head_count": 24, "veterinary_document": "ВСД № 1187-КРС"}),
        (
            5,
            poultry
            | {
                "head_count": 3200,
                "wrong_cut": 12,
                "rejected": 12,
                "veterinary_document": "ВСД № 1190-П",
            },
        ),
        (
            3,
            cattle
            | {
                "head_count": 18,
                "excluded_count": 1,
                "excluded_reason": "Стельность более трети срока (ГОСТ 7.6.6)",
                "wrong_cut": 1,
                "rejected": 1,
                "haram_count": 1,
                "haram_reason": "Перерезан спинной мозг",
                "veterinary_document": "ВСД № 1203-КРС",
            },
        ),
        # Over Table 1's current for chickens, and 1.5 % slaughtered wrongly: kept and marked.
        (
            1,
            poultry
            | {
                "head_count": 2800,
                "wrong_cut": 42,
                "rejected": 42,
                "current_a": Decimal("0.600"),
                "veterinary_document": "ВСД № 1215-П",
                "notes": "Сбой регулятора тока; линия остановлена, регулятор заменен.",
            },
        ),
    ]
    for days_ago, data in batches:
        slaughter_entry_record(
            organization=meat,
            by=controller,
            data={"date": today - datetime.timedelta(days=days_ago), **data},
        )
    # GOST 7.6.7: the controller checked the poultry line's stunning after the failure.
    stunning_check_record(
        line=lines[POULTRY_LINE],
        by=controller,
        data={
            "date": today,
            "equipment": "Электрооглушитель птицы ЭОП-1",
            "stunning": "electrical",
            "voltage_v": Decimal("72.5"),
            "current_a": Decimal("0.375"),
            "effective": True,
            "no_signs_of_life": False,
        },
    )
