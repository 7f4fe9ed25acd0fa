from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import ReportingYear, School, Township, Unit, User, YearlyReturn


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "unit", "is_active"]
    list_filter = ["role", "unit", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("Role and unit"), {"fields": ["role", "unit"]}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Role and unit"), {"fields": ["role", "unit"]}),
    )


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "region", "order"]


@admin.register(Township)
class TownshipAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind"]
    list_filter = ["unit", "kind"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "township", "school_type", "ownership", "students"]
    list_filter = ["unit", "school_type", "ownership"]
    search_fields = ["code", "name"]
    list_select_related = ["unit", "township"]


@admin.register(ReportingYear)
class ReportingYearAdmin(admin.ModelAdmin):
    list_display = ["year", "due_date", "opened_at"]


@admin.register(YearlyReturn)
class YearlyReturnAdmin(admin.ModelAdmin):
    """Read-only here: status changes go through the workflow pages, which record them."""

    list_display = ["unit", "reporting_year", "section", "status", "updated_at"]
    list_filter = ["reporting_year", "section", "status", "unit"]
    list_select_related = ["unit", "reporting_year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
