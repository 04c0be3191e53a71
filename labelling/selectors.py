"""Reads of labelling: the certificates a label names (through certification's models)."""

import re
import unicodedata

from django.db.models import QuerySet
from django.utils import timezone

from certification.models import ApplicationProduct, Certificate
from certification.selectors import application_list_for

from .knowledge import current_index
from .models import LabelReview
from .morphology import tokens
from .review import CertificateFacts, Label, Review, review_label

# Л.4.1: «ХП.00001». People type Latin look-alikes (XP), spaces, no dot, no leading zeros.
_NUMBER = re.compile(r"^\s*(?:ХП|XP|X П|ХP)\s*[.\-№ ]?\s*(\d{1,5})\s*$", re.IGNORECASE)
_LOOKALIKES = str.maketrans({"X": "Х", "x": "Х", "P": "П", "p": "П", "р": "П", "Р": "П"})


def normalize_certificate_number(text: str) -> str:
    """«ХП.00001» from «хп 1», «XP.00001», «ХП-00001»; the text as typed if it is none of them."""
    folded = unicodedata.normalize("NFKC", text or "").strip()
    match = _NUMBER.match(folded.translate(_LOOKALIKES).upper())
    return f"ХП.{int(match.group(1)):05d}" if match else folded


def certificate_facts(numbers) -> dict[str, CertificateFacts]:
    """The signed certificates among ``numbers`` (normalized), with the products they cover:
    those of the certificate from its first day, those of an annex from the annex's day."""
    wanted = {normalize_certificate_number(n) for n in numbers if n}
    if not wanted:
        return {}
    certificates = (
        Certificate.objects.filter(number__in=wanted, signed_at__isnull=False)
        .prefetch_related("products__annex")
        .only("number", "status", "valid_from", "valid_to", "signed_at")
    )
    facts = {}
    for certificate in certificates:
        products = []
        for product in certificate.products.all():
            if product.annex_request_id and product.annex_id is None:
                continue  # requested, not issued (GOST 8.18)
            since = (
                timezone.localdate(product.annex.issued_at)
                if product.annex
                else certificate.valid_from
            )
            products.append((tuple(w.lemma for w in tokens(product.name)), since))
        facts[certificate.number] = CertificateFacts(
            number=certificate.number,
            status=certificate.status,
            signed=True,
            valid_from=certificate.valid_from,
            valid_to=certificate.valid_to,
            products=tuple(products),
        )
    return facts


def reviews_of(labels: list[Label], *, today=None) -> list[Review]:
    """Review ``labels`` against the knowledge base as it stands: one read of the certificates
    they name, then the pure review of each."""
    today = today or timezone.localdate()
    index = current_index()
    facts = certificate_facts(label.certificate_number for label in labels)
    return [
        review_label(
            label,
            index=index,
            certificate=facts.get(normalize_certificate_number(label.certificate_number)),
            today=today,
        )
        for label in labels
    ]


def label_review_list_for(user) -> QuerySet[LabelReview]:
    """Saved reviews of the products of the applications ``user`` may see (the applicant's own;
    the assigned commission, the secretary and the head once submitted)."""
    return LabelReview.objects.select_related("product__application", "created_by").filter(
        product__application__in=application_list_for(user)
    )


def products_of_member(user) -> QuerySet[ApplicationProduct]:
    """Products of the applications of ``user``'s organizations (a review is saved to one)."""
    if not user.is_authenticated:
        return ApplicationProduct.objects.none()
    return ApplicationProduct.objects.select_related("application").filter(
        application__organization__membership__user=user
    )
