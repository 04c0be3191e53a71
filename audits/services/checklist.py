"""Writes of the checklist of the production-check act (Annex Ж): versions are copied, never
changed once an act uses them, so an act always reads the checklist it was written with."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ChecklistItem, ChecklistSection, ChecklistVersion


@transaction.atomic
def checklist_version_copy(*, version: ChecklistVersion) -> ChecklistVersion:
    """A new, unused version with the same sections and items, ready to be edited; it is not
    in use until someone marks it so."""
    number = (ChecklistVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1
    copy = ChecklistVersion.objects.create(
        number=number,
        title=_("%(title)s (copy of version %(number)s)")
        % {"title": version.title, "number": version.number},
        effective_date=timezone.localdate(),
        is_current=False,
    )
    for section in version.sections.prefetch_related("items"):
        new_section = ChecklistSection.objects.create(
            version=copy,
            number=section.number,
            title_ru=section.title_ru,
            title_en=section.title_en,
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                section=new_section,
                order=item.order,
                text_ru=item.text_ru,
                text_en=item.text_en,
                clause=item.clause,
            )
            for item in section.items.all()
        )
    return copy


@transaction.atomic
def checklist_version_make_current(*, version: ChecklistVersion) -> ChecklistVersion:
    """New acts take this version from now on; acts already drawn up keep theirs."""
    ChecklistVersion.objects.exclude(pk=version.pk).filter(is_current=True).update(is_current=False)
    ChecklistVersion.objects.filter(pk=version.pk).update(is_current=True)
    version.is_current = True
    return version
