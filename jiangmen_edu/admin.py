from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.accounts import lockout, second_factor
from jiangmen_edu.models import ReportingYear, School, Township, Unit, User, YearlyReturn


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "unit", "is_active", "second_factor"]
    list_filter = ["role", "unit", "is_active"]
    actions = ["reset_second_factor", "unlock_login"]

    @admin.display(description=_("Two-step verification"), boolean=True)
    def second_factor(self, user):
        return second_factor.has_second_factor(user)

    @admin.action(description=_("Reset two-step verification (lost phone)"))
    def reset_second_factor(self, request, queryset):
        reset = [user.username for user in queryset if second_factor.second_factor_reset(user=user)]
        self.message_user(
            request,
            _(
                "Two-step verification reset for: %(users)s. They set it up again at their next "
                "login; city administrators and reviewers must."
            )
            % {"users": ", ".join(reset) or "—"},
        )

    @admin.action(description=_("Unlock login (clear failed passwords)"))
    def unlock_login(self, request, queryset):
        for user in queryset:
            lockout.unlock(kind="username", value=user.username, user=request.user)
        self.message_user(
            request,
            _("%(users)s may log in again.")
            % {"users": ", ".join(user.username for user in queryset)},
        )

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
