from django.contrib import admin

from halal_portal.admin import ReadOnlyAdmin

from .models import Report, ReportLog, ReportPhoto


class ReportPhotoInline(admin.TabularInline):
    model = ReportPhoto
    extra = 0
    can_delete = False
    readonly_fields = ["file", "content_type", "size", "sha256"]


class ReportLogInline(admin.TabularInline):
    model = ReportLog
    extra = 0
    can_delete = False
    readonly_fields = ["transition", "source", "target", "by", "at", "comment"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """Read-only: reports move only through the secretary's queue (feedback.services)."""

    list_display = ["code", "kind", "state", "outcome", "certificate", "received_at", "decide_due"]
    list_filter = ["state", "kind", "outcome"]
    search_fields = ["code", "product_name", "number_shown", "gtin"]
    date_hierarchy = "received_at"
    inlines = [ReportPhotoInline, ReportLogInline]
