from django.contrib import admin

from halal_portal.admin import ReadOnlyAdmin

from .models import (
    Appeal,
    AppealSettings,
    Complaint,
    ComplaintLog,
    Report,
    ReportLog,
    ReportPhoto,
)


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


class ComplaintLogInline(admin.TabularInline):
    model = ComplaintLog
    extra = 0
    can_delete = False
    readonly_fields = ["transition", "source", "target", "by", "at", "comment"]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    """Read-only: complaints are answered and closed in the portal (feedback.complaints)."""

    list_display = ["code", "author", "topic", "state", "received_at", "answer_due"]
    list_filter = ["state", "topic"]
    search_fields = ["code", "author__email", "text"]
    inlines = [ComplaintLogInline]


@admin.register(AppealSettings)
class AppealSettingsAdmin(admin.ModelAdmin):
    """The period to appeal a decision (30 days by default): one row, changed here."""

    list_display = ["days"]

    def has_add_permission(self, request) -> bool:
        return not AppealSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    """Read-only: appeals are filed, seated and decided in the portal (feedback.appeals)."""

    list_display = ["code", "application", "decision", "state", "filed_at", "protocol_number"]
    list_filter = ["state"]
    search_fields = ["code", "application__number"]
