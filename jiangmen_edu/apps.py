from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jiangmen_edu"
    label = "core"
    verbose_name = _("Core: units, schools, users and yearly returns")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from jiangmen_edu import audit, checks  # noqa: F401 - checks registers itself

        audit.register_core_models()
        # Each app declares its data-quality rules in its own `quality.py`.
        autodiscover_modules("quality")
