"""Demo slaughter journal (GOST 7.6) of the demo meat enterprise: a week of batches on its cattle
and poultry lines, one of them with deviations, as its halal controller would record them."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import MEAT_TAX_ID
from accounts.models import Organization, User

from .services import slaughter_entry_record


def seed() -> None:
    try:
        controller = User.objects.get(email="applicant2@example.com")
        meat = Organization.objects.get(tax_id=MEAT_TAX_ID)
    except (User.DoesNotExist, Organization.DoesNotExist):
        return  # the accounts' demo comes first
    if meat.slaughter_entries.exists():
        return
    today = timezone.localdate()
    cattle = {
        "line": "Линия убоя КРС № 1",
        "species": "steers",
        "method": "manual",
        "slaughterers": "Хабибуллин Р. Ф.\nЗакиров И. М.",
        "stunning": "electrical",
        "current_a": Decimal("2.00"),
        "duration_s": Decimal("2.50"),
        "stun_to_slaughter_s": 90,
        "video_recorded": True,
        "death_confirmed": True,
    }
    poultry = {
        "line": "Линия убоя птицы № 2",
        "species": "chickens",
        "method": "mechanical",
        "slaughterers": "Нуриев А. А.",
        "stunning": "electrical",
        "current_a": Decimal("0.30"),
        "duration_s": Decimal("4.00"),
        "stun_to_slaughter_s": 20,
        "video_recorded": True,
        "death_confirmed": True,
    }
    batches = [
        (6, cattle | {"head_count": 24, "veterinary_document": "ВСД № 1187-КРС"}),
        (5, poultry | {"head_count": 3200, "rejected": 12, "veterinary_document": "ВСД № 1190-П"}),
        (3, cattle | {"head_count": 18, "rejected": 1, "veterinary_document": "ВСД № 1203-КРС"}),
        # Over Table 1's current for chickens, and 1.5 % slaughtered wrongly: kept and marked.
        (
            1,
            poultry
            | {
                "head_count": 2800,
                "rejected": 42,
                "current_a": Decimal("0.60"),
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
