"""What labelling shows on certification's application page (registered in apps.py)."""

from django.db.models import Count, Q

from .models import CompositionItem, ItemStatus, LabelReview, Resolution

TEMPLATE = "labelling/_application_panel.html"


def application_panel_context(request, application) -> dict | None:
    """The composition of the application's products (how many haram, how many to resolve) and
    the saved label reviews, newest first; None when there is nothing to show this user."""
    reviews = list(
        LabelReview.objects.filter(product__application=application)
        .select_related("product")
        .only("pk", "name", "verdict", "created_at", "product__name")
    )
    is_member = application.organization.membership_set.filter(user=request.user).exists()
    composition = CompositionItem.objects.filter(product__application=application).aggregate(
        items=Count("pk"),
        haram=Count("pk", filter=Q(status=ItemStatus.HARAM)),
        pending=Count("pk", filter=Q(resolution=Resolution.PENDING)),
    )
    if not (reviews or is_member or composition["items"]):
        return None
    return {
        "application": application,
        "label_reviews": reviews,
        "is_member": is_member,
        "composition": composition,
    }
