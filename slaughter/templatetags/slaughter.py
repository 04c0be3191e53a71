"""Template filters of the slaughter app."""

from django import template

from ..rules.deviation import decimal_text

register = template.Library()


@register.filter
def measured(value) -> str:
    """A value read from an instrument with its precision: 0,375; 2,50."""
    return "" if value is None else decimal_text(value)
