"""Conditions of the application workflow: pure reads, no writes.

``missing_requirements`` is the one place that decides whether an application is complete
(GOST 8.7–8.9); the submit button, the review step, the API and the FSM condition all ask it.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models_support import applicable_document_types


@dataclass(frozen=True)
class Missing:
    """Something the applicant still has to provide, with the clause that requires it."""

    text: str
    clause: str
    step: str  # the wizard step where it is fixed

    def __str__(self) -> str:
        # One msgid for every «… (ГОСТ 8.x)» (an f-string around gettext is not extracted).
        return _("%(text)s (GOST %(clause)s)") % {"text": self.text, "clause": self.clause}


def missing_requirements(application) -> list[Missing]:
    missing: list[Missing] = []
    # GOST 8.7, Annex Г part 1: the applicant's details.
    for field in ("org_name", "legal_address", "bank_details", "tax_id", "phone", "head_name"):
        if not getattr(application, field):
            label = application._meta.get_field(field).verbose_name
            missing.append(
                Missing(_("Fill in «%(field)s»") % {"field": label}, "8.7", "organization")
            )
    products = list(application.products.all())
    if not products:
        missing.append(Missing(_("Add at least one product"), "8.7", "products"))
    if application.standard_id is None:
        missing.append(
            Missing(
                _("Choose the normative document (ГОСТ) the products comply with"),
                "8.7",
                "products",
            )
        )
    # Annex Г part 2: the organization's undertakings.
    if not application.undertakings_accepted:
        missing.append(Missing(_("Accept the undertakings of part 2"), "8.7", "organization"))
    # Annex Г part 3: contact person.
    if not application.contact_person or not application.contact_phone:
        missing.append(Missing(_("Name the contact person and their phone"), "8.7", "organization"))
    # GOST 8.8: every document the products' categories require.
    uploaded = set(
        application.files.filter(superseded_at__isnull=True).values_list(
            "document_type_id", flat=True
        )
    )
    for doc_type in applicable_document_types(products):
        if doc_type.signed_online or doc_type.applicability == "if_any":
            continue
        if doc_type.pk not in uploaded:
            missing.append(
                Missing(
                    _("Upload «%(document)s»") % {"document": doc_type},
                    doc_type.clause,
                    "documents",
                )
            )
    # GOST 8.8: the documents are in date on the day of submission.
    missing.extend(out_of_date_documents(application))
    # GOST 8.9: a signed declaration for each group of products of one normative document.
    for group in unsigned_declaration_groups(application, products):
        missing.append(
            Missing(
                _("Sign the declaration for the products made to %(nd)s")
                % {"nd": group.designation},
                "8.9",
                "declaration",
            )
        )
    return missing


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier; a day the earlier month lacks (the
    29th–31st) becomes that month's last day."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _dmy(day) -> str:
    return day.strftime("%d.%m.%Y")


def document_date_problem(doc_type, document_date, valid_until, *, today) -> str | None:
    """Why a document of ``doc_type`` with these dates is not in date on ``today`` (GOST 8.8),
    or None. The rule is the type's (reference data); a validity end, given, must not have
    passed whatever the rule."""
    rule = doc_type.in_date_rule
    name = {"document": doc_type}
    if rule in ("current_year", "last_12_months") and document_date is None:
        return _("Give the date of «%(document)s».") % name
    if rule == "valid_on_submission" and valid_until is None:
        return _("Give the date «%(document)s» is valid until.") % name
    if rule == "current_year" and document_date.year != today.year:
        return _("«%(document)s» is dated %(date)s: it must be of the current year, %(year)s.") % {
            **name,
            "date": _dmy(document_date),
            "year": today.year,
        }
    if rule == "last_12_months" and document_date < months_before(today, 12):
        return _(
            "«%(document)s» is dated %(date)s: it must cover the last 12 months (dated "
            "%(since)s or later)."
        ) % {**name, "date": _dmy(document_date), "since": _dmy(months_before(today, 12))}
    if valid_until is not None and valid_until < today:
        return _(
            "«%(document)s» was valid until %(date)s: it must be valid when the application is "
            "submitted."
        ) % {**name, "date": _dmy(valid_until)}
    return None


def out_of_date_documents(application, *, today=None) -> list[Missing]:
    """GOST 8.8: every current dossier file whose type has a date rule, checked on ``today``."""
    from django.utils import timezone

    today = today or timezone.localdate()
    found = []
    files = application.files.filter(superseded_at__isnull=True).select_related("document_type")
    for dossier_file in files:
        problem = document_date_problem(
            dossier_file.document_type,
            dossier_file.document_date,
            dossier_file.valid_until,
            today=today,
        )
        if problem:
            found.append(Missing(problem, dossier_file.document_type.clause, "documents"))
    return found


BATCH_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)")


def product_value_errors(product, *, today=None) -> dict[str, str]:
    """Values nobody could mean, by field (Annex Г, Л.4.4): a batch is made already, and its
    size is a positive quantity followed by its unit."""
    from django.utils import timezone

    errors = {}
    today = today or timezone.localdate()
    if product.batch_date and product.batch_date > today:
        errors["batch_date"] = _("The batch date is in the future: give the date it was made.")
    size = (product.batch_size or "").strip()
    if size:
        match = BATCH_SIZE.match(size)
        if match is None or float(match.group(1).replace(",", ".")) <= 0:
            errors["batch_size"] = _(
                "Give the batch size as a positive quantity with its unit, e.g. «500 kg»."
            )
    return errors


def declaration_groups(products) -> dict:
    """GOST 8.9: a declaration may be a group one for products of one normative document."""
    groups: dict = {}
    for product in products:
        groups.setdefault(product.normative_document, []).append(product)
    return groups


def unsigned_declaration_groups(application, products=None) -> list:
    from .models import Declaration

    products = list(application.products.all()) if products is None else products
    signed = {d.normative_document_id: d.products_digest for d in application.declarations.all()}
    return [
        nd
        for nd, group in declaration_groups(products).items()
        if signed.get(nd.pk) != Declaration.digest(group)
    ]


def is_complete(application) -> bool:
    return not missing_requirements(application)


# --- the commission (GOST 8.3, 8.10–8.17) ------------------------------------------------------


def has_commission(application) -> bool:
    """The secretary has assigned at least the minimum number of members (GOST 8.3)."""
    from django.conf import settings

    return application.commission_members.count() >= settings.COMMISSION_MIN_MEMBERS


def suspension_deadline_passed(application) -> bool:
    """GOST 8.16: the work is terminated only once the deadline for corrections has passed."""
    from django.utils import timezone

    deadline = application.suspension_deadline
    return deadline is not None and deadline < timezone.localdate()


def may_terminate(application) -> bool:
    """GOST 8.16: suspended work ends once its deadline has passed; straight after the check
    (awaiting decision) the evidence decides (certification.evidence)."""
    from .models import AppState

    if application.state == AppState.DECISION:
        return True
    return suspension_deadline_passed(application)


def annex_needs_check(request) -> bool:
    """GOST 8.18 read with 8.13–8.15: the check of the production covered the products of the
    certificate — their categories (raw materials, technology, 8.14) and the normative
    documents they are made to (typical representatives, 8.15). New products of a category and
    a normative document the certificate already has are made the same way and are covered by
    that check; a product of another category or normative document was never checked, and
    its annex waits for a check of its own under the same gate as a certificate (8.17)."""
    from django.db.models import Q

    # On the certificate, in annex No. 1 of a product type or in an annex already issued.
    certified = request.certificate.products.filter(
        Q(annex_request__isnull=True) | Q(annex__isnull=False)
    ).values_list("category_id", "normative_document_id")
    categories = {category for category, _document in certified}
    documents = {document for _category, document in certified}
    return any(
        p.category_id not in categories or p.normative_document_id not in documents
        for p in request.products.all()
    )


def recused_members(application) -> set[int]:
    """Who took part in the application's production check may not vote on its decision
    (independence of review and decision, ISO/IEC 17065 7.5)."""
    from audits.models import ProductionCheck

    return set(
        ProductionCheck.objects.filter(application=application).values_list(
            "participants", flat=True
        )
    ) - {None}


def mark_refusal(certificate, user, *, today=None) -> str:
    """Why ``user`` may not download the «Halal» sign of ``certificate`` now, or "" if they may.

    GOST 8.2, 8.6: the sign is used only under a certificate, only while it is valid; it is the
    holder's to put on their products."""
    from django.utils import timezone

    today = today or timezone.localdate()
    if not certificate.application.organization.membership_set.filter(user=user).exists():
        return _("Only the certificate holder downloads the «Halal» sign.")
    if not certificate.signed_at:
        # GOST 8.2, Л.4.6: a certificate is issued once the head signs it; until then the
        # registry shows it as not issued and its sign may not be used.
        return _(
            "Certificate %(number)s is not signed by the head yet: the «Halal» sign may be used "
            "only under an issued certificate (GOST 8.2)."
        ) % {"number": certificate.number}
    if not certificate.is_valid or not certificate.valid_from <= today <= certificate.valid_to:
        return _(
            "The «Halal» sign may be used only while the certificate is valid (GOST 8.6); "
            "certificate %(number)s is not valid now."
        ) % {"number": certificate.number}
    return ""
