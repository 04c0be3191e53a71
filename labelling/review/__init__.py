"""Label review: a label against the standard, with every finding cited by its clause.

Pure and fast: no database, no cache, no I/O. The caller passes the knowledge index
(knowledge.current_index()) and what is known of the certificate the label names
(selectors.certificate_facts()); 1,000 labels take well under a second (bench/labelling.py).

Checks: the name (7.2, section 4, 4 е); each ingredient through the knowledge base (sections
3, 4, 6) with the animal species named for fat, gelatin, collagen, rennet (7.2); names of
ingredients evoking haram (7.2); ethanol (6); the GMO phrase (7.2); fish wording (7.2); the sign's
size and print method (8.4) and the certificate under it (8.2, 8.6).

Verdict: ``fail`` on any error, else ``needs_evidence`` on any warning (a doubtful ingredient:
its source must be shown), else ``pass``.
"""

import datetime

from .. import findings as F
from ..knowledge import KnowledgeIndex
from ..morphology import tokens
from ..rules import name_hits as rule_name_hits
from .checks import check_alcohol, check_gmo_and_fish, check_sign
from .ingredients import check_ingredients
from .model import (
    ALCOHOL_SOURCES,
    ERROR,
    FAIL,
    INFO,
    NEEDS_EVIDENCE,
    PASS,
    PRINT_METHODS,
    WARNING,
    CertificateFacts,
    Finding,
    Label,
    Review,
)

__all__ = [
    "ALCOHOL_SOURCES",
    "ERROR",
    "FAIL",
    "INFO",
    "NEEDS_EVIDENCE",
    "PASS",
    "PRINT_METHODS",
    "WARNING",
    "CertificateFacts",
    "Finding",
    "Label",
    "Review",
    "review_label",
]


def review_label(
    label: Label,
    *,
    index: KnowledgeIndex,
    certificate: CertificateFacts | None = None,
    today: datetime.date,
) -> Review:
    found: list[Finding] = []
    name_words = tokens(label.name)
    _check_name(label, found)
    ingredient_words = tokens(label.ingredients)
    check_ingredients(label, ingredient_words, index, found)
    check_alcohol(label, found)
    check_gmo_and_fish(label, name_words, ingredient_words, found)
    check_sign(label, name_words, certificate, today, found)
    severities = {f.severity for f in found}
    verdict = FAIL if ERROR in severities else NEEDS_EVIDENCE if WARNING in severities else PASS
    found.sort(key=lambda f: (F.FIELD_ORDER.get(f.field, 9), f.start or 0))
    return Review(verdict, found, index.version)


def _check_name(label: Label, found: list[Finding]) -> None:
    hits = rule_name_hits(label.name)
    if any(hit.forbids_product for hit in hits):
        # A haram product is not told to rename itself (GOST section 4, not 7.2).
        hits = [hit for hit in hits if hit.forbids_product]
    for hit in hits:
        found.append(
            Finding(
                "haram_product" if hit.forbids_product else "haram_name",
                hit.clause,
                ERROR,
                F.name_message(hit, label.name[hit.start : hit.end]),
                "name",
                hit.start,
                hit.end,
            )
        )
