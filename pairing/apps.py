from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingConfig(AppConfig):
    name = "pairing"
    verbose_name = _("East–west pairing")

    def ready(self):
        from jiangmen_edu.audit import register
        from pairing.models import CountyPair, SupportGroup, SupportGroupMember

        for model in (CountyPair, SupportGroup, SupportGroupMember):
            register(model)
