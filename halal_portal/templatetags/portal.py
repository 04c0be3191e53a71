from django import template
from django.template.defaultfilters import filesizeformat

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
