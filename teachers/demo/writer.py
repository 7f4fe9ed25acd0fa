"""Turns the unit plans into model instances, one unit at a time (`Writer`), in the order
`seed` writes them (`MODELS`)."""

import random

from teachers.demo.people import roster_rows
from teachers.demo.plan import UnitPlan
from teachers.demo.principals import principal_records
from teachers.demo.profiles import Sizes
from teachers.demo.researchers import researcher_duties
from teachers.demo.titles import talent_titles
from teachers.demo.training import training_records
from teachers.models import (
    PrincipalAppointment,
    PrincipalSemester,
    ResearcherDuty,
    StaffYear,
    TalentTitle,
    TrainingRecord,
)

# What `seed` writes after the staff, with the key of its count, in the order of Writer.lists().
MODELS = (
    ("roster_rows", StaffYear),
    ("training_records", TrainingRecord),
    ("talent_titles", TalentTitle),
    ("appointments", PrincipalAppointment),
    ("principal_semesters", PrincipalSemester),
    ("researcher_duties", ResearcherDuty),
)


class Writer:
    """Turns the plans into model instances, keeping counts."""

    def __init__(self, rng: random.Random, sizes: Sizes):
        self.rng = rng
        self.sizes = sizes
        self.rows: list[StaffYear] = []
        self.trainings: list[TrainingRecord] = []
        self.titles: list[TalentTitle] = []
        self.appointments: list[PrincipalAppointment] = []
        self.semesters: list[PrincipalSemester] = []
        self.duties: list[ResearcherDuty] = []

    def lists(self) -> list[list]:
        """The planned objects, in the order of `MODELS`."""
        return [
            self.rows,
            self.trainings,
            self.titles,
            self.appointments,
            self.semesters,
            self.duties,
        ]

    def plan_unit(self, plan: UnitPlan) -> None:
        """Every row of one unit beside its staff, into `lists()`; the staff need `staff_id`.

        One stream for all units, drawn in this order: rows, training, principals,
        researchers, talent titles.
        """
        rng = self.rng
        self.rows += roster_rows(rng, plan)
        self.trainings += training_records(rng, plan)
        appointments, semesters, qualifications = principal_records(rng, plan)
        self.appointments += appointments
        self.semesters += semesters
        self.trainings += qualifications
        self.duties += researcher_duties(rng, plan)
        self.titles += talent_titles(rng, plan, self.sizes)
