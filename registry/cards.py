"""A certificate as the public sees it, made from its public record (records.py) as of a day:
what the certificate page and the API detail show. No query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from certification.models import CertificateEvent, CertificateStatus
from certification.rules import expires_at

LIVE = (CertificateStatus.VALID, CertificateStatus.SUSPENDED)
STATUS_LABELS = dict(CertificateStatus.choices)


def expired_by_date(status: str, valid_to: datetime.date, today: datetime.date) -> bool:
    """GOST 8.6: past its end date a live certificate is expired, even in the hours before the
    nightly job records it."""
    return status in LIVE and valid_to < today


def public_url(number: str) -> str:
    """The stable public address of a certificate: what its QR code carries."""
    return settings.SITE_URL + reverse("registry:certificate", kwargs={"number": number})


def annex_filename(number: str, annex: int) -> str:
    return _("%(number)s annex %(annex)s.pdf") % {"number": number, "annex": annex}


@dataclass(frozen=True)
class Protocol:
    """The commission protocol a decision refers to (Л.4.5)."""

    number: int
    date: datetime.date

    @property
    def reference(self) -> str:
        """«протокол от ДД.ММ.ГГГГ № N», as Meeting.protocol_reference."""
        return _("protocol of %(date)s No. %(number)s") % {
            "date": self.date.strftime("%d.%m.%Y"),
            "number": self.number,
        }


def _protocol(data: dict | None) -> Protocol | None:
    if not data:
        return None
    return Protocol(data["number"], datetime.date.fromisoformat(data["date"]))


@dataclass(frozen=True)
class Category:
    code: str
    name_ru: str
    name_en: str

    def __str__(self) -> str:
        return self.name_en if (get_language() or "ru").startswith("en") else self.name_ru


@dataclass(frozen=True)
class PublicPdf:
    """The PDF of the certificate or of one of its annexes: ready, with its SHA-256 (what the
    «check a PDF» form compares an upload with), or still being rendered."""

    ready: bool
    path: str
    filename: str
    sha256: str | None = None
    size: int | None = None

    @property
    def url(self) -> str | None:
        return settings.SITE_URL + self.path if self.ready else None


def _pdf(data: dict | None, path: str, filename: str) -> PublicPdf | None:
    if data is None:
        return None
    if data["ready"]:
        return PublicPdf(True, path, filename, sha256=data["sha256"], size=data["size"])
    return PublicPdf(False, path, filename)


@dataclass(frozen=True)
class PublicProduct:
    name: str
    category: str  # code
    designation: str
    title: str
    batch_text: str

    @property
    def normative_document(self) -> str:
        return f"{self.designation} «{self.title}»"  # as NormativeDocument.__str__


def _products(items: list[dict]) -> list[PublicProduct]:
    return [
        PublicProduct(p["name"], p["category"], p["normative_document"], p["title"], p["batch"])
        for p in items
    ]


@dataclass(frozen=True)
class PublicEvent:
    pk: int
    kind: str
    status: str
    at: datetime.datetime
    protocol: Protocol | None
    annex: int | None = None

    @property
    def kind_label(self) -> str:
        return CertificateEvent.Kind(self.kind).label


@dataclass(frozen=True)
class PublicAnnex:
    number: int
    issued_at: datetime.datetime
    protocol: Protocol | None
    pdf: PublicPdf | None
    products: list[PublicProduct] = field(default_factory=list)


@dataclass(frozen=True)
class CertificateCard:
    """Everything the public sees of one certificate (Л.4) as of a day: the status the date
    makes of the recorded one (GOST 8.6), since when and by which protocol."""

    number: str
    recorded_status: str
    status: str
    status_since: datetime.datetime
    status_protocol: Protocol | None
    valid_from: datetime.date
    valid_to: datetime.date
    manufacturer_name: str
    manufacturer_address: str
    manufacturer_country: str
    product_type: str
    head_name: str
    category: Category | None
    basis: Protocol | None
    pdf: PublicPdf | None
    products: list[PublicProduct]
    annexes: list[PublicAnnex]
    events: list[PublicEvent]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def expired_by_date(self) -> bool:
        """Expired by its end date, not yet recorded by the nightly job."""
        return self.status != self.recorded_status

    @property
    def url(self) -> str:
        return public_url(self.number)

    def pdfs(self) -> list[tuple[int | None, PublicPdf]]:
        """The ready PDFs: (None, the certificate's), then (N, annex No. N's)."""
        found = [(None, self.pdf), *((a.number, a.pdf) for a in self.annexes)]
        return [(annex, pdf) for annex, pdf in found if pdf is not None and pdf.ready]


def registry_card(record: dict, *, today: datetime.date) -> CertificateCard:
    """The card of a certificate from its public record, as of ``today``."""
    number = record["number"]
    valid_to = datetime.date.fromisoformat(record["valid_to"])
    category = record["category"]
    recorded = record["status"]
    if expired_by_date(recorded, valid_to, today):
        status, since, protocol = CertificateStatus.EXPIRED.value, expires_at(valid_to), None
    else:
        status = recorded
        since = datetime.datetime.fromisoformat(record["status_since"])
        protocol = _protocol(record["status_protocol"])
    pdf_path = reverse("registry:certificate-pdf", kwargs={"number": number})
    return CertificateCard(
        number=number,
        recorded_status=recorded,
        status=status,
        status_since=since,
        status_protocol=protocol,
        valid_from=datetime.date.fromisoformat(record["valid_from"]),
        valid_to=valid_to,
        manufacturer_name=record["manufacturer_name"],
        manufacturer_address=record["manufacturer_address"],
        manufacturer_country=record["manufacturer_country"],
        product_type=record["product_type"],
        head_name=record["head_name"],
        category=Category(**category) if category else None,
        basis=_protocol(record["basis"]),
        pdf=_pdf(record["pdf"], pdf_path, f"{number}.pdf"),
        products=_products(record["products"]),
        annexes=[
            PublicAnnex(
                number=a["number"],
                issued_at=datetime.datetime.fromisoformat(a["issued_at"]),
                protocol=_protocol(a["protocol"]),
                pdf=_pdf(
                    a["pdf"],
                    reverse("registry:annex-pdf", kwargs={"number": number, "annex": a["number"]}),
                    annex_filename(number, a["number"]),
                ),
                products=_products(a["products"]),
            )
            for a in record["annexes"]
        ],
        events=[
            PublicEvent(
                pk=e["id"],
                kind=e["kind"],
                status=e["status"],
                at=datetime.datetime.fromisoformat(e["at"]),
                protocol=_protocol(e["protocol"]),
                annex=e["annex"],
            )
            for e in record["events"]
        ],
    )
