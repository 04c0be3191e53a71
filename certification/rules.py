"""Conditions of the application workflow: pure reads, no writes.

``missing_requirements`` is the one place that decides whether an application is complete
(GOST 8.7–8.9); the submit button, the review step, the API and the FSM condition all ask it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import providers
from .models_support import applicable_document_types


@dataclass(frozen=True)
class Missing:
    """Something the applicant still has to provide, with the clause that requires it."""

    text: str
    clause: str
    step: str  # the wizard step where it is fixed

    def __str__(self) -> str:
        return f"{self.text} ({_('GOST %(clause)s') % {'clause': self.clause}})"


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
    return application.commission_members.count() >= settings.COMMISSION_MIN_MEMBERS


def suspension_deadline_passed(application) -> bool:
    """GOST 8.16: the work is terminated only once the deadline for corrections has passed."""
    deadline = application.suspension_deadline
    return deadline is not None and deadline < timezone.localdate()


def recused_members(application) -> set[int]:
    """Who may not vote on the application's decision: the registered providers say (audits:
    who took part in its production check; independence of review and decision, ISO/IEC 17065
    7.5)."""
    return providers.recused([application.pk])[application.pk]


def recused_by_application(application_ids) -> dict[int, set[int]]:
    """recused_members of several applications at once."""
    return providers.recused(application_ids)


def mark_refusal(certificate, user, *, today=None) -> str:
    """Why ``user`` may not download the «Halal» sign of ``certificate`` now, or "" if they may.

    GOST 8.2, 8.6: the sign is used only under a certificate, only while it is valid; it is the
    holder's to put on their products."""
    today = today or timezone.localdate()
    if not certificate.application.organization.membership_set.filter(user=user).exists():
        return _("Only the certificate holder downloads the «Halal» sign.")
    if not certificate.is_valid or not certificate.valid_from <= today <= certificate.valid_to:
        return _(
            "The «Halal» sign may be used only while the certificate is valid (GOST 8.6); "
            "certificate %(number)s is not valid now."
        ) % {"number": certificate.number}
    return ""


# --- certificates (GOST 8.6, 8.18, Л.4.1) -------------------------------------------------------


CERTIFICATE_MAXIMUM = 99_999  # Л.4.1: «ХП» and a five-digit number


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def max_valid_to(valid_from: datetime.date) -> datetime.date:
    """GOST 8.6: the certificate is valid for at most two years — to the day before the same
    date two years later."""
    return add_years(valid_from, 2) - datetime.timedelta(days=1)


def check_validity(valid_from, valid_to) -> None:
    if valid_from is None or valid_to is None:
        raise ValidationError(_("Give the validity dates of the certificate."))
    if valid_to <= valid_from:
        raise ValidationError(_("The certificate must end after it begins."))
    if valid_to > max_valid_to(valid_from):
        # GOST 8.6
        raise ValidationError(
            _("A certificate is valid for at most two years (GOST 8.6): until %(date)s at most.")
            % {"date": max_valid_to(valid_from).strftime("%d.%m.%Y")}
        )


def annex_cutoff(certificate) -> datetime.date:
    """GOST 8.18: an annex may be issued no later than six months before the certificate ends."""
    month = certificate.valid_to.month - 6
    year = certificate.valid_to.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(certificate.valid_to.day, 28)
    return certificate.valid_to.replace(year=year, month=month, day=day)


def check_annex_allowed(certificate, *, on: datetime.date | None = None) -> None:
    on = on or timezone.localdate()
    if not certificate.is_valid:
        raise ValidationError(_("Annexes are added only to a valid certificate."))
    if on > annex_cutoff(certificate):
        # GOST 8.18
        raise ValidationError(
            _(
                "An annex can be requested no later than six months before the certificate "
                "expires (GOST 8.18): the last day was %(date)s."
            )
            % {"date": annex_cutoff(certificate).strftime("%d.%m.%Y")}
        )


# Л.1: the certificate is one A4 sheet. Its product field holds about eight printed lines of ~90
# characters (measured with templates/annexes/annex_k.html: eight one-line products fit, ten do
# not; four products of two lines fit, six do not). A longer list makes it a certificate for a
# product type whose products are listed in annex No. 1 (Л.4.4).
SHEET_PRODUCT_LINES = 8
SHEET_LINE_CHARACTERS = 90


def products_fit_the_sheet(products) -> bool:
    """Whether the products, printed as «name, normative document, batch», fit the certificate's
    one sheet (Л.1, Л.4.4)."""
    lines = 0
    for p in products:
        text = f"{p.name}, {p.normative_document.designation}, {p.batch_text}"
        lines += -(-len(text) // SHEET_LINE_CHARACTERS)
    return lines <= SHEET_PRODUCT_LINES


def product_type_of(products) -> str:
    """Л.4.4: the product type a certificate names when its products go to the annex — the
    product groups of the standard (section 1) the products belong to."""
    names: list[str] = []
    for p in products:
        if p.category.name_ru not in names:
            names.append(p.category.name_ru)
    return "; ".join(names)


def format_number(value: int) -> str:
    """Л.4.1: the certificate's number, «ХП» and five digits."""
    return f"ХП.{value:05d}"


def expires_at(valid_to: datetime.date) -> datetime.datetime:
    """GOST 8.6: a certificate is valid through its end date; it expires at the start of the
    next day."""
    day = valid_to + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
