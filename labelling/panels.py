"""What labelling shows on certification's application page (registered in apps.py)."""

from django.template.loader import render_to_string

from .models import LabelReview


def application_panel(request, application) -> str:
    """The saved label reviews of the application's products, newest first."""
    reviews = list(
        LabelReview.objects.filter(product__application=application)
        .select_related("product")
        .only("pk", "name", "verdict", "created_at", "product__name")
    )
    is_member = application.organization.membership_set.filter(user=request.user).exists()
    if not reviews and not is_member:
        return ""
    return render_to_string(
        "labelling/_application_panel.html",
        {"application": application, "label_reviews": reviews, "is_member": is_member},
        request=request,
    )
