from django.contrib import admin

from .models import (
    CheckArea,
    CheckStage,
    CheckTeamMember,
    CorrectiveAction,
    LabReport,
    Nonconformity,
    ProductionCheck,
    Sample,
    SamplingAct,
    SanitationEntry,
)


@admin.register(CheckArea)
class CheckAreaAdmin(admin.ModelAdmin):
    """The areas of GOST 8.14: reference data, editable here."""

    list_display = ["order", "name_ru", "name_en", "is_active"]
    list_display_links = ["name_ru"]
    list_editable = ["order", "is_active"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TeamInline(ReadOnlyInline):
    model = CheckTeamMember
    fields = ["user", "position"]


class StageInline(ReadOnlyInline):
    model = CheckStage
    fields = ["number", "needed", "executors"]


@admin.register(ProductionCheck)
class ProductionCheckAdmin(admin.ModelAdmin):
    """Read-only: programs are drawn up, approved and started in the portal (GOST 8.13)."""

    list_display = ["application", "status", "start_date", "end_date", "approved_at"]
    list_filter = ["status"]
    search_fields = ["application__number", "application__org_name"]
    inlines = [TeamInline, StageInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SampleInline(ReadOnlyInline):
    model = Sample
    fields = ["name", "unit", "lot_size", "quantity", "production_date", "status"]


@admin.register(SamplingAct)
class SamplingActAdmin(admin.ModelAdmin):
    """Read-only: the act of Annex Е is signed in the portal."""

    list_display = ["__str__", "production_check", "product_name", "status"]
    list_filter = ["status"]
    inlines = [SampleInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LabReport)
class LabReportAdmin(admin.ModelAdmin):
    list_display = ["number", "sample", "issued_on", "laboratory", "passed"]
    list_filter = ["passed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SanitationEntry)
class SanitationEntryAdmin(admin.ModelAdmin):
    """Read-only: the journal is signed by the enterprise's halal controller (GOST 7.1)."""

    list_display = ["date", "organization", "equipment", "kind", "test_passed", "controller_name"]
    list_filter = ["kind", "test_passed"]
    search_fields = ["organization__full_name", "equipment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Nonconformity)
class NonconformityAdmin(admin.ModelAdmin):
    list_display = ["description", "application", "severity", "deadline", "closed_at"]
    list_filter = ["severity"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(admin.ModelAdmin):
    list_display = ["action", "nonconformity", "done_on", "accepted"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
