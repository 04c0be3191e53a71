from django.contrib import admin

from halal_portal.admin import ReadOnlyAdmin

from .models import SlaughterEntry


@admin.register(SlaughterEntry)
class SlaughterEntryAdmin(ReadOnlyAdmin):
    """Read-only: entries are signed by the halal controller in the portal."""

    list_display = ["date", "organization", "line", "species", "head_count", "controller_name"]
    list_filter = ["species", "method", "stunning"]
    search_fields = ["organization__full_name", "line", "veterinary_document"]
    date_hierarchy = "date"
