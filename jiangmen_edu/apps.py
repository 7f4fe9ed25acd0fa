from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jiangmen_edu"
    label = "core"
    verbose_name = _("Core: units, schools, users and yearly returns")

    def ready(self):
        from jiangmen_edu import audit

        audit.register_core_models()
