"""What labelling shows on certification's application page (registered in apps.py)."""

from django.db.models import Count, Q
from django.template.loader import render_to_string

from .models import CompositionItem, ItemStatus, LabelReview, Resolution


def application_panel(request, application) -> str:
    """The composition of the application's products (how many haram, how many to resolve) and
    the saved label reviews, newest first."""
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
        return ""
    context = {
        "application": application,
        "label_reviews": reviews,
        "is_member": is_member,
        "composition": composition,
    }
    return render_to_string("labelling/_application_panel.html", context, request=request)
