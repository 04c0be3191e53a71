"""Writes of a product's composition (GOST 6, 8.8) and the commission's resolution of what
depends on its source (8.10, 8.11). One transaction each; who/when/why recorded."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, can_proceed

from certification.models import EDITABLE_STATES, Application, ApplicationProduct, AppState
from halal_portal.uploads import check_upload

from ..knowledge import current_index
from ..models import CompositionItem, ItemStatus, Resolution, ResolutionLog, Species
from ..morphology import tokens
from ..review.ingredients import split_items
from ..review.words import lists

# The worst status of an item decides (a compound ingredient with one haram part is haram).
_RANK = {"halal": 0, "unknown": 1, "doubtful": 2, "haram": 3}
# Where the commission decides on the dossier (GOST 8.10–8.17).
REVIEW_STATES = (AppState.DOCUMENT_REVIEW, AppState.PRODUCTION_CHECK, AppState.DECISION)
EVIDENCE_FIELDS = ("supplier", "species", "halal_slaughter", "ethanol_source", "ethanol_percent")


def _lock_editable(product: ApplicationProduct, by) -> Application:
    application = Application.objects.select_for_update().get(pk=product.application_id)
    if not application.organization.membership_set.filter(user=by).exists():
        raise PermissionDenied
    if application.state not in EDITABLE_STATES:
        raise ValidationError(
            _("The application is %(state)s and cannot be changed.")
            % {"state": application.get_state_display().lower()},
            code="read_only",
        )
    return application


def _judge(text: str, index) -> dict:
    """What the knowledge base says of one declared ingredient."""
    words = tokens(text)
    matches = index.find(text, words)
    found = {"status": ItemStatus.UNKNOWN, "clause": "", "ingredient": None}
    if matches:
        worst = max(matches, key=lambda m: _RANK[m.entry.status])
        found = {"status": worst.entry.status, "clause": worst.entry.clause}
        found["ingredient"] = worst.entry.pk
    found["animal_derived"] = any(m.entry.animal_derived for m in matches)
    found["uses_ethanol"] = any(m.entry.code == "ethanol" for m in matches)
    species = [lists().species.get(w.lemma) for w in words]
    named = next((kind for kind in species if kind in Species.values), "")
    if "pig" in species:  # GOST 4 а 1: whatever the entry, from the pig it is haram
        found |= {"status": ItemStatus.HARAM, "clause": "4 а) 1)"}
    found["species"] = named
    return found


@transaction.atomic
def composition_set(*, product: ApplicationProduct, by, text: str) -> list[CompositionItem]:
    """The product's ingredients in their declared order, each matched to the knowledge base.
    Evidence already given for an unchanged ingredient is kept."""
    _lock_editable(product, by)
    index = current_index()
    kept = {item.text: item for item in product.composition.all()}
    product.composition.all().delete()
    items = []
    for order, (start, end) in enumerate(split_items(text), start=1):
        declared = " ".join(text[start:end].split())[:500]
        judged = _judge(declared, index)
        item = CompositionItem(
            product=product,
            order=order,
            text=declared,
            ingredient_id=judged["ingredient"],
            status=judged["status"],
            clause=judged["clause"],
            knowledge_version=index.version,
            animal_derived=judged["animal_derived"],
            uses_ethanol=judged["uses_ethanol"],
            species=judged["species"],
        )
        if item.needs_resolution:
            item.resolution = Resolution.PENDING
        before = kept.get(declared)
        if before is not None and before.status == item.status:
            for name in (*EVIDENCE_FIELDS, "document", "document_name", "document_type"):
                setattr(item, name, getattr(before, name))
            item.species = item.species or before.species
            if before.resolution != Resolution.NOT_NEEDED:
                item.resolution = before.resolution
                item.resolved_by, item.resolved_at = before.resolved_by, before.resolved_at
                item.resolution_reason = before.resolution_reason
        item.save()
        items.append(item)
    return items


@transaction.atomic
def composition_item_update(*, item: CompositionItem, by, data: dict, document=None):
    """The applicant's evidence for one ingredient: supplier, conformity document (8.8),
    species and halal slaughter, ethanol source and content (6)."""
    _lock_editable(item.product, by)
    item = CompositionItem.objects.select_for_update().get(pk=item.pk)
    for name in EVIDENCE_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    if document is not None:
        checked = check_upload(document)
        item.document_name, item.document_type = checked.display_name, checked.content_type
        item.document.save(checked.display_name, document, save=False)
    if can_proceed(item.reopen):
        _fire(item, "reopen", by=by)
    item.full_clean(exclude=["document"])
    item.save()
    return item


@transaction.atomic
def composition_item_resolve(*, item: CompositionItem, by, accepted: bool, reason: str):
    """A member of the application's commission accepts a doubtful ingredient with the reason,
    or does not accept it (GOST 8.10, 8.11)."""
    item = CompositionItem.objects.select_for_update().select_related("product").get(pk=item.pk)
    application = item.product.application
    if not application.commission_members.filter(pk=by.pk).exists():
        raise PermissionDenied
    if application.state not in REVIEW_STATES:
        raise ValidationError(_("The commission resolves ingredients while it reviews the case."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason of the decision.")})
    _fire(item, "accept" if accepted else "reject", by=by, reason=reason.strip())
    item.save()
    return item


def _fire(item: CompositionItem, name: str, *, by, **kwargs) -> None:
    source = item.resolution
    method = getattr(item, name)
    if not can_proceed(method):
        raise TransitionNotAllowed(name)
    method(by=by, **kwargs)
    ResolutionLog.objects.create(
        item=item,
        transition=name,
        source=source,
        target=item.resolution,
        by=by,
        reason=kwargs.get("reason", ""),
    )
