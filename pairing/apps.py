from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingConfig(AppConfig):
    name = "pairing"
    verbose_name = _("East–west pairing")

    def ready(self):
        from jiangmen_edu.audit import register
        from jiangmen_edu.imports import datasets
        from pairing import models
        from pairing.datasets import DATASETS

        for dataset in DATASETS:
            datasets.register(dataset)

        for model in (
            models.CountyPair,
            models.SupportGroup,
            models.SupportGroupMember,
            models.SupportCycle,
            models.SupportTeam,
            models.SupportTeamMember,
            models.TeamSchool,
            models.SchoolLink,
            models.Placement,
            models.Activity,
            models.FundingRate,
            models.PayerShare,
        ):
            register(model)
