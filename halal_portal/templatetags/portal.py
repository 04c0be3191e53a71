from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import translation

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


@register.filter
def genitive(name: str, language: str = "") -> str:
    """A person's name in the genitive when the text is Russian («в лице руководителя
    Хасанова М. И.»): the page's language, or the one given (`|genitive:"ru"` in the Russian
    documents). Other languages, and organizations, are left as written."""
    if not name or (language or translation.get_language()) != "ru":
        return name
    return formatting.decline(name, "genitive")
