from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from halal_portal.admin import ReadOnlyAdmin

from .models import (
    ActEvidence,
    ActSignature,
    ActTransition,
    CheckArea,
    ChecklistItem,
    ChecklistSection,
    ChecklistVersion,
    CheckStage,
    CheckTeamMember,
    CorrectiveAction,
    ItemResult,
    LabReport,
    Nonconformity,
    ProductionCheck,
    ProductionCheckAct,
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
class ProductionCheckAdmin(ReadOnlyAdmin):
    """Read-only: programs are drawn up, approved and started in the portal (GOST 8.13)."""

    list_display = ["application", "status", "start_date", "end_date", "approved_at"]
    list_filter = ["status"]
    search_fields = ["application__number", "application__org_name"]
    inlines = [TeamInline, StageInline]


class SampleInline(ReadOnlyInline):
    model = Sample
    fields = ["name", "unit", "lot_size", "quantity", "production_date", "status"]


@admin.register(SamplingAct)
class SamplingActAdmin(ReadOnlyAdmin):
    """Read-only: the act of Annex Е is signed in the portal."""

    list_display = ["__str__", "production_check", "product_name", "status"]
    list_filter = ["status"]
    inlines = [SampleInline]


@admin.register(LabReport)
class LabReportAdmin(ReadOnlyAdmin):
    list_display = ["number", "sample", "issued_on", "laboratory", "passed"]
    list_filter = ["passed"]


@admin.register(SanitationEntry)
class SanitationEntryAdmin(ReadOnlyAdmin):
    """Read-only: the journal is signed by the enterprise's halal controller (GOST 7.1)."""

    list_display = ["date", "organization", "equipment", "kind", "test_passed", "controller_name"]
    list_filter = ["kind", "test_passed"]
    search_fields = ["organization__full_name", "equipment"]


@admin.register(Nonconformity)
class NonconformityAdmin(ReadOnlyAdmin):
    list_display = ["description", "application", "severity", "deadline", "closed_at"]
    list_filter = ["severity"]


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(ReadOnlyAdmin):
    list_display = ["action", "nonconformity", "done_on", "accepted"]


# --- the checklist of the production-check act (Annex Ж): reference data, versioned ---

USED_VERSION_MESSAGE = _(
    "This checklist version is used by production-check acts and cannot be changed: an act "
    "keeps the checklist it was written with. Use the action «Copy to a new version» and edit "
    "the copy."
)


class FrozenWhenUsed:
    """Read-only (with a message) once the version is used by an act."""

    def version_of(self, obj):
        raise NotImplementedError

    def _used(self, obj) -> bool:
        return obj is not None and self.version_of(obj).is_used

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._used(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._used(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if self._used(obj):
            self.message_user(request, USED_VERSION_MESSAGE, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)


class FrozenInline(admin.TabularInline):
    """The rows of a version (its sections, a section's items): fixed once an act uses it."""

    extra = 0

    def version_of(self, parent):
        raise NotImplementedError

    def _used(self, parent) -> bool:
        return parent is not None and self.version_of(parent).is_used

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._used(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._used(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._used(obj)


class ChecklistSectionInline(FrozenInline):
    model = ChecklistSection
    fields = ["number", "title_ru", "title_en"]
    show_change_link = True

    def version_of(self, parent):
        return parent


@admin.register(ChecklistVersion)
class ChecklistVersionAdmin(FrozenWhenUsed, admin.ModelAdmin):
    list_display = ["number", "title", "effective_date", "is_current", "used"]
    inlines = [ChecklistSectionInline]
    actions = ["copy_to_new_version", "make_current"]

    def version_of(self, obj):
        return obj

    @admin.display(boolean=True, description=_("used by acts"))
    def used(self, obj) -> bool:
        return obj.is_used

    def save_model(self, request, obj, form, change):
        from .services.checklist import checklist_version_make_current

        make_current = obj.is_current
        obj.is_current = False if make_current else obj.is_current
        super().save_model(request, obj, form, change)
        if make_current:
            checklist_version_make_current(version=obj)

    @admin.action(description=_("Copy to a new version"))
    def copy_to_new_version(self, request, queryset):
        from .services.checklist import checklist_version_copy

        copies = [checklist_version_copy(version=version) for version in queryset]
        self.message_user(
            request,
            ngettext(
                "%(count)d new version is created; edit it and mark it «in use».",
                "%(count)d new versions are created; edit them and mark one «in use».",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Use for new acts"))
    def make_current(self, request, queryset):
        from .services.checklist import checklist_version_make_current

        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one version."), messages.ERROR)
            return
        checklist_version_make_current(version=queryset.get())
        self.message_user(request, _("New acts are drawn up with this version."))


class ChecklistItemInline(FrozenInline):
    model = ChecklistItem
    fields = ["order", "text_ru", "text_en", "clause"]

    def version_of(self, parent):
        return parent.version


@admin.register(ChecklistSection)
class ChecklistSectionAdmin(FrozenWhenUsed, admin.ModelAdmin):
    list_display = ["number", "title_ru", "version"]
    list_filter = ["version"]
    inlines = [ChecklistItemInline]

    def version_of(self, obj):
        return obj.version


class ItemResultInline(ReadOnlyInline):
    model = ItemResult
    fields = ["item", "result", "comment", "updated_by", "revision"]


class ActSignatureInline(ReadOnlyInline):
    model = ActSignature
    fields = ["member", "signed_at"]


class ActTransitionInline(ReadOnlyInline):
    model = ActTransition
    fields = ["transition", "source", "target", "by", "at", "comment"]


@admin.register(ProductionCheckAct)
class ProductionCheckActAdmin(ReadOnlyAdmin):
    """Read-only: the act of Annex Ж is filled in, signed and approved in the portal."""

    list_display = ["__str__", "date", "state", "checklist"]
    list_filter = ["state"]
    inlines = [ActSignatureInline, ActTransitionInline, ItemResultInline]


@admin.register(ActEvidence)
class ActEvidenceAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "result", "content_type", "uploaded_at"]
