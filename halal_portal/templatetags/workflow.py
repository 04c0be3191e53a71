"""Buttons from the state machines: a page offers the transitions the user may fire now."""

from django import template

from .. import workflow

register = template.Library()


@register.simple_tag(takes_context=True)
def transitions(context, obj, conditions: bool = False) -> frozenset[str]:
    """``{% transitions application as actions %}`` … ``{% if "withdraw" in actions %}``: the
    transitions of ``obj`` the current user may fire from its state (halal_portal.workflow)."""
    request = context.get("request")
    return workflow.actions(obj, getattr(request, "user", None), conditions=conditions)
