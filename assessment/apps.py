from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        from assessment.models import IndicatorRule
        from jiangmen_edu.audit import register

        register(IndicatorRule)
