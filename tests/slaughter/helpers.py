"""A slaughterhouse register in good order (GOST 7.6.2–7.6.4) and batches named from it."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from slaughter import services
from slaughter.models import DocumentKind, Knife, Line, Slaughterhouse, Worker, WorkerRole
from slaughter.rules.people import REQUIRED_DOCUMENTS
from tests.files import pdf_upload

ISSUED = datetime.timedelta(days=800)
VALID = datetime.timedelta(days=365)


@dataclass
class Register:
    slaughterhouse: Slaughterhouse
    controller: Worker
    slaughterers: list[Worker] = field(default_factory=list)
    operator: Worker | None = None
    line: Line | None = None
    knife: Knife | None = None


def add_document(worker, by, kind, *, issued_on=None, valid_to=None, number="01"):
    today = timezone.localdate()
    return services.worker_document_add(
        worker=worker,
        by=by,
        data={
            "kind": kind,
            "issuer": "ДУМ РТ",
            "number": f"{number}-{kind}",
            "issued_on": issued_on or today - ISSUED,
            "valid_to": valid_to or today + VALID,
        },
        upload=pdf_upload(),
    )


def add_worker(house, by, role, name, *, user=None, documents=True, **dates) -> Worker:
    worker = services.worker_register(
        slaughterhouse=house,
        by=by,
        data={
            "role": role,
            "full_name": name,
            "birth_date": datetime.date(1985, 5, 5),
            "user": user,
            "since": timezone.localdate() - ISSUED,
        },
    )
    if documents:
        for kind, _clause in REQUIRED_DOCUMENTS[role]:
            add_document(worker, by, kind, **dates)
    return worker


def make_register(organization, user, name="Бойня № 1") -> Register:
    house = services.slaughterhouse_create(organization=organization, by=user, data={"name": name})
    line = services.line_create(
        slaughterhouse=house, by=user, data={"name": "Линия № 1", "video_recording": True}
    )
    knife = services.knife_register(
        line=line,
        by=user,
        data={
            "label": "Нож № 1",
            "blade_length_mm": Decimal("400"),
            "material": "stainless_steel",
            "registered_on": timezone.localdate() - ISSUED,
        },
    )
    return Register(
        line=line,
        knife=knife,
        slaughterhouse=house,
        controller=add_worker(house, user, WorkerRole.CONTROLLER, "Гилязов Марат", user=user),
        slaughterers=[
            add_worker(house, user, WorkerRole.SLAUGHTERER, "Хабибуллин Ренат"),
            add_worker(house, user, WorkerRole.SLAUGHTERER, "Закиров Ильдар"),
        ],
        operator=add_worker(house, user, WorkerRole.OPERATOR, "Сафиуллин Тимур"),
    )


def with_people(register: Register, data: dict) -> dict:
    """The batch's people from the register unless the data names others; ``slaughterers`` may
    be a number: that many of the registered ones."""
    data = {
        "line": register.line,
        "knife": register.knife,
        "neck_width_mm": Decimal("180"),
        "stunning_operator": register.operator,
        **data,
    }
    slaughterers = data.get("slaughterers", len(register.slaughterers))
    if isinstance(slaughterers, int):
        data["slaughterers"] = register.slaughterers[:slaughterers]
    return data


__all__ = ["DocumentKind", "Register", "add_document", "add_worker", "make_register", "with_people"]
