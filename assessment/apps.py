from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        from assessment import models
        from assessment.datasets import SchoolResourcesDataset
        from jiangmen_edu.audit import register
        from jiangmen_edu.imports import datasets

        datasets.register(SchoolResourcesDataset())

        for model in (
            models.IndicatorRule,
            models.AssessmentYear,
            models.ScoreRun,
            models.CountyScore,
            models.DevelopmentCentre,
            models.PreschoolStatus,
            models.SatisfactionSurvey,
            models.SchoolResources,
            models.QualitativeScore,
            models.Evidence,
            models.ItemResponse,
        ):
            register(model)
