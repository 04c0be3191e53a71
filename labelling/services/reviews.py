"""Writes of the label review: a review saved to a product of the applicant's application."""

import dataclasses

from django.core.exceptions import PermissionDenied
from django.db import transaction

from certification.models import ApplicationProduct
from halal_portal.uploads import check_upload

from ..models import LabelReview
from ..review import Label
from ..selectors import reviews_of


@transaction.atomic
def label_review_save(*, product: ApplicationProduct, by, label: Label, image=None) -> LabelReview:
    """Review ``label`` now and keep it with ``product`` for the commission (GOST 7.2, 8.10).
    Only a member of the applicant's organization saves to its products; the label's image is
    checked by content like every dossier file."""
    if not product.application.organization.membership_set.filter(user=by).exists():
        raise PermissionDenied
    (review,) = reviews_of([label])
    saved = LabelReview(
        product=product,
        verdict=review.verdict,
        findings=[finding.as_dict() for finding in review.findings],
        knowledge_version=review.knowledge_version,
        created_by=by,
        **dataclasses.asdict(label),
    )
    if image is not None:
        checked = check_upload(image)
        saved.image_name, saved.image_type = checked.display_name, checked.content_type
        saved.image.save(checked.display_name, image, save=False)
    saved.full_clean(exclude=["image"])
    saved.save()
    return saved
