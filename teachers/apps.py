from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeachersConfig(AppConfig):
    name = "teachers"
    verbose_name = _("Teachers")

    def ready(self):
        from jiangmen_edu.audit import register
        from jiangmen_edu.imports import datasets
        from teachers import models
        from teachers.datasets import DATASETS

        for dataset in DATASETS:
            datasets.register(dataset)

        for model in (
            models.Staff,
            models.StaffYear,
            models.TrainingRecord,
            models.TalentTitle,
            models.PrincipalAppointment,
            models.PrincipalSemester,
            models.ResearcherDuty,
            models.NoResearchersStatement,
        ):
            register(model)
