from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeatsConfig(AppConfig):
    name = "seats"
    verbose_name = _("School seats")

    def ready(self):
        from jiangmen_edu.audit import register
        from jiangmen_edu.imports import datasets
        from seats import models
        from seats.datasets import DATASETS

        for dataset in DATASETS:
            datasets.register(dataset)

        for model in (
            models.PlanPeriod,
            models.SeatQuota,
            models.YearlyPlan,
            models.PlanExplanation,
            models.Project,
            models.ProjectYear,
            models.ProjectEvidence,
            models.EnrolmentYear,
            models.BoardingSchool,
        ):
            register(model)
