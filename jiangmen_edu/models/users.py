"""Users: a role, and for county editors their unit (docs/rules.md#roles)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models.units import Unit


class Role(models.TextChoices):
    """The four roles (docs/rules.md#roles)."""

    COUNTY_EDITOR = "county_editor", _("County editor")
    CITY_REVIEWER = "city_reviewer", _("City reviewer")
    ASSESSOR = "assessor", _("Assessor")
    CITY_ADMIN = "city_admin", _("City administrator")


class User(AbstractUser):
    """A county editor belongs to one unit; the city's roles see every unit."""

    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.CITY_REVIEWER
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("unit"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="county_editor_has_unit_city_roles_have_none",
                condition=Q(role="county_editor", unit__isnull=False)
                | (~Q(role="county_editor") & Q(unit__isnull=True)),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # set_password() leaves the new raw password in _password until the save; the audit
        # trail records that it changed, never the hash (jiangmen_edu/audit.py).
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            from jiangmen_edu.audit import record_account_change

            record_account_change(self, "password", "", "changed")

    def has_perm(self, perm, obj=None):
        # The back office is the city admin's by role; per-model grants would only drift.
        if self.is_active and self.role == Role.CITY_ADMIN:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        if self.is_active and self.role == Role.CITY_ADMIN:
            return True
        return super().has_module_perms(app_label)

    def get_full_name(self):
        # Chinese names are written family name first, with no space.
        return f"{self.last_name}{self.first_name}".strip()

    def get_additional_data(self):
        return {"unit": self.unit.code} if self.unit_id else {}
