from django.contrib import admin

from .models import (
    Application,
    ApplicationProduct,
    Declaration,
    DocumentType,
    DossierFile,
    NormativeDocument,
    OutgoingLetter,
    ProductCategory,
    TransitionLog,
)


@admin.register(ProductCategory)
class ProductCategoryAdmin(admin.ModelAdmin):
    list_display = [
        "order",
        "name_ru",
        "name_en",
        "involves_slaughter",
        "animal_raw_materials",
        "underground_water",
    ]
    list_display_links = ["name_ru"]
    list_editable = ["order"]


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["order", "name_ru", "applicability", "clause", "signed_online"]
    list_display_links = ["name_ru"]
    list_filter = ["applicability"]


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin):
    list_display = ["designation", "title", "is_active"]
    search_fields = ["designation", "title"]
    list_filter = ["is_active"]


class ProductInline(admin.TabularInline):
    model = ApplicationProduct
    extra = 0


class TransitionLogInline(admin.TabularInline):
    model = TransitionLog
    extra = 0
    can_delete = False
    readonly_fields = ["transition", "source", "target", "by", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-mostly: states change only through the portal's transitions."""

    list_display = ["number", "org_name", "state", "state_changed_at", "submitted_at"]
    list_filter = ["state"]
    search_fields = ["number", "org_name", "tax_id"]
    readonly_fields = ["number", "state", "state_changed_at", "submitted_at", "created_by"]
    inlines = [ProductInline, TransitionLogInline]
    filter_horizontal = ["commission_members"]


@admin.register(DossierFile)
class DossierFileAdmin(admin.ModelAdmin):
    list_display = ["original_name", "application", "document_type", "version", "uploaded_at"]
    readonly_fields = [f.name for f in DossierFile._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ["application", "normative_document", "signatory_name", "signed_at"]
    readonly_fields = [f.name for f in Declaration._meta.fields]


@admin.register(OutgoingLetter)
class OutgoingLetterAdmin(admin.ModelAdmin):
    """The register of outgoing letters: entered by the decisions themselves, never by hand."""

    list_display = ["year", "number", "date", "recipient", "subject"]
    list_filter = ["year"]
    search_fields = ["recipient", "subject"]
    readonly_fields = [f.name for f in OutgoingLetter._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
