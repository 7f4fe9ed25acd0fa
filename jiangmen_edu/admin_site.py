from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class JiangmenAdminSite(admin.AdminSite):
    """The maintenance back office (users, years, thresholds, reference data): city admins only."""

    site_header = _("Jiangmen basic-education quality platform: administration")
    site_title = _("Administration")

    def has_permission(self, request):
        from jiangmen_edu.models import Role

        user = request.user
        return user.is_active and user.is_staff and user.role == Role.CITY_ADMIN


class JiangmenAdminConfig(AdminConfig):
    default_site = "jiangmen_edu.admin_site.JiangmenAdminSite"
