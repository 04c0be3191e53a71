from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuthorizedBody, Membership, Organization, PowerOfAttorney, User


class PowerOfAttorneyInline(admin.TabularInline):
    model = PowerOfAttorney
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization", "user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "last_name",
        "first_name",
        "role_secretary",
        "role_commission",
        "role_auditor",
        "role_head",
        "is_active",
        "email_confirmed",
    ]
    list_filter = ["role_secretary", "role_commission", "role_auditor", "role_head", "is_active"]
    search_fields = ["email", "last_name", "first_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Person"),
            {"fields": ["last_name", "first_name", "middle_name", "position", "phone", "language"]},
        ),
        (
            _("Roles in the authorized organization"),
            {"fields": ["role_secretary", "role_commission", "role_auditor", "role_head"]},
        ),
        (
            _("Access"),
            {"fields": ["is_active", "email_confirmed", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [PowerOfAttorneyInline, MembershipInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["full_name", "tax_id", "country", "phone"]
    search_fields = ["full_name", "short_name", "tax_id"]
    inlines = [MembershipInline]


@admin.register(AuthorizedBody)
class AuthorizedBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "head_name"]

    def has_add_permission(self, request):
        # One row: the body's own details.
        return not AuthorizedBody.objects.exists()
