from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeatsConfig(AppConfig):
    name = "seats"
    verbose_name = _("School seats")

    def ready(self):
        from jiangmen_edu.audit import register
        from seats.models import PlanPeriod, SeatQuota

        register(PlanPeriod)
        register(SeatQuota)
