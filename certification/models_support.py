"""Reference-data queries that models, rules and forms share (kept apart to avoid cycles)."""

from django.apps import apps


def applicable_document_types(products) -> list:
    """Dossier document types of GOST 8.8 that apply to these products, by their categories."""
    document_type = apps.get_model("certification", "DocumentType")
    categories = {p.category for p in products}
    wanted = {"always", "if_any"}
    if any(c.involves_slaughter for c in categories):
        wanted.add("slaughter")
    if any(c.animal_raw_materials or c.involves_slaughter for c in categories):
        wanted.add("animal_raw")
    if any(c.underground_water for c in categories):
        wanted.add("underground_water")
    return list(document_type.objects.filter(applicability__in=wanted).order_by("order"))
