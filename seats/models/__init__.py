"""The seat tracker's models, one module per concept (docs/rules.md#quota-table,
docs/rules.md#seat-records)."""

from seats.models.enrolment import BoardingSchool, EnrolmentYear
from seats.models.plans import PlanExplanation, PlanPeriod, SeatQuota, SeatStage, YearlyPlan
from seats.models.projects import (
    Project,
    ProjectEvidence,
    ProjectKind,
    ProjectStatus,
    ProjectYear,
)

__all__ = [
    "BoardingSchool",
    "EnrolmentYear",
    "PlanExplanation",
    "PlanPeriod",
    "Project",
    "ProjectEvidence",
    "ProjectKind",
    "ProjectStatus",
    "ProjectYear",
    "SeatQuota",
    "SeatStage",
    "YearlyPlan",
]
