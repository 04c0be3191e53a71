from django.contrib import admin

from .models import RenderedDocument


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records the portal's services write (signed acts, journals, rendered documents):
    the admin lists and shows them, and never adds or changes one by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(ReadOnlyAdmin):
    """Read-only: documents are made by the services and the render task, never by hand."""

    list_display = ["kind", "object_id", "status", "attempts", "rendered_at", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["sha256"]
    readonly_fields = [f.name for f in RenderedDocument._meta.fields]
