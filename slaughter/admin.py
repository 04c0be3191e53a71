from django.contrib import admin

from halal_portal.admin import ReadOnlyAdmin

from .models import (
    Finding,
    Knife,
    Line,
    SlaughterEntry,
    Slaughterhouse,
    StunningCheck,
    StunningUpload,
    Worker,
    WorkerDocument,
)


@admin.register(SlaughterEntry)
class SlaughterEntryAdmin(ReadOnlyAdmin):
    """Read-only: entries are signed by the halal controller in the portal."""

    list_display = ["date", "organization", "line", "species", "head_count", "controller_name"]
    list_filter = ["species", "method", "stunning"]
    search_fields = ["organization__full_name", "line", "veterinary_document"]
    date_hierarchy = "date"


# The register, the plant and the answers are kept through the portal's services (checked
# uploads, dates that keep the past as it was); the admin only reads them.


@admin.register(Slaughterhouse)
class SlaughterhouseAdmin(ReadOnlyAdmin):
    list_display = ["name", "organization", "created_at"]
    search_fields = ["name", "organization__full_name"]


@admin.register(Worker)
class WorkerAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "role", "slaughterhouse", "since", "left_on"]
    list_filter = ["role"]
    search_fields = ["full_name", "slaughterhouse__name"]


@admin.register(WorkerDocument)
class WorkerDocumentAdmin(ReadOnlyAdmin):
    list_display = ["worker", "kind", "number", "issued_on", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["worker__full_name", "number"]


@admin.register(Line)
class LineAdmin(ReadOnlyAdmin):
    list_display = ["name", "slaughterhouse", "video_recording"]


@admin.register(Knife)
class KnifeAdmin(ReadOnlyAdmin):
    list_display = ["label", "line", "blade_length_mm", "material", "registered_on", "retired_on"]


@admin.register(StunningCheck)
class StunningCheckAdmin(ReadOnlyAdmin):
    list_display = ["date", "line", "equipment", "effective", "no_signs_of_life", "controller_name"]


@admin.register(StunningUpload)
class StunningUploadAdmin(ReadOnlyAdmin):
    list_display = ["submitted_at", "entry", "count", "nonconforming", "submitted_by"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["entry", "clause", "code", "value", "allowed", "answer", "answered_at"]
    list_filter = ["code", "answer"]
