"""Template helpers of the commission's pages."""

from django import template
from django.utils import timezone

from ..panels import staff_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def commission_panel(context) -> dict:
    """The staff panel of an application page: forms and records for the current user."""
    request = context.get("request")
    application = context.get("application")
    if request is None or application is None:
        return {}
    return staff_panel(request.user, application)


@register.filter
def days_since(value) -> int | str:
    """Whole days from ``value`` to now (the queue's «days in status»)."""
    if not value:
        return ""
    return (timezone.now() - value).days
