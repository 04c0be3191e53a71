"""The label review's data: a label, what is known of its certificate, findings, the review."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

PASS, FAIL, NEEDS_EVIDENCE = "pass", "fail", "needs_evidence"
ERROR, WARNING, INFO = "error", "warning", "info"

MIN_SIGN_MM = Decimal(15)  # GOST 8.4
MAX_ALCOHOL_PERCENT = Decimal(1)  # GOST 6
PRINT_METHODS = ("typographic", "hologram", "other")  # GOST 8.4: the first two only
ALCOHOL_SOURCES = ("khamr", "industrial", "natural", "unknown")


@dataclass
class Label:
    name: str
    ingredients: str = ""
    statements: str = ""
    language: str = "ru"
    alcohol_percent: Decimal | None = None
    alcohol_source: str = ""
    gmo: bool | None = None
    fish: bool | None = None
    sign_diameter_mm: Decimal | None = None
    sign_print_method: str = ""
    certificate_number: str = ""
    label_date: datetime.date | None = None

    @classmethod
    def from_data(cls, data: dict) -> "Label":
        """A label from validated input (the API's serializer, the page's form)."""
        return cls(**{name: data[name] for name in _FIELDS if name in data})


_FIELDS = ("name", "ingredients", "statements", "language", "alcohol_percent", "alcohol_source")
_FIELDS += ("gmo", "fish", "sign_diameter_mm", "sign_print_method", "certificate_number")
_FIELDS += ("label_date",)


@dataclass(frozen=True)
class CertificateFacts:
    """What the review needs of a certificate (selectors.certificate_facts)."""

    number: str
    status: str
    signed: bool
    valid_from: datetime.date
    valid_to: datetime.date
    # Each covered product: the lemmas of its name and the day it was covered from (8.18).
    products: tuple[tuple[tuple[str, ...], datetime.date], ...]


@dataclass
class Finding:
    code: str
    clause: str
    severity: str
    message: str
    field: str
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "clause": self.clause,
            "severity": self.severity,
            "message": self.message,
            "field": self.field,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Review:
    verdict: str
    findings: list[Finding] = field(default_factory=list)
    knowledge_version: int = 0

    def as_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "knowledge_version": self.knowledge_version,
            "findings": [f.as_dict() for f in self.findings],
        }
