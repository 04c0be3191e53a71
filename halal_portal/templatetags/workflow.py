"""Buttons from the state machines: a page offers the transitions the user may fire now."""

from django import template

from .. import workflow

register = template.Library()


@register.simple_tag(takes_context=True)
def transitions(context, obj, conditions: bool = True) -> frozenset[str]:
    """``{% transitions act as actions %}`` … ``{% if "approve" in actions %}``: the names of the
    transitions of ``obj`` that the current user may fire (halal_portal.workflow.available)."""
    request = context.get("request")
    return workflow.available(obj, getattr(request, "user", None), conditions=conditions)
