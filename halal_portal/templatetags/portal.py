from django import template
from django.template.defaultfilters import filesizeformat

from halal_portal import formatting

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def filesize(value) -> str:
    return filesizeformat(value)


@register.filter
def gost_date(value) -> str:
    """Dates as the standard's forms print them: DD.MM.YYYY (Л.4.2)."""
    return value.strftime("%d.%m.%Y") if value else ""


@register.filter
def money(amount, currency: str = "") -> str:
    """{{ invoice.amount|money:invoice.currency }}: formatting.money in the page's language."""
    return formatting.money(amount, currency) if amount is not None else ""
