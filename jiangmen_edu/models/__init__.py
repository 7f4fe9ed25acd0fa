"""The shared core: administrative units, townships, schools, users and yearly returns."""

from jiangmen_edu.models.quality import (
    QualityExplanation,
    QualityFinding,
    QualityRuleSetting,
    Severity,
)
from jiangmen_edu.models.returns import (
    ImportBatch,
    ReportingYear,
    ReturnEvent,
    Section,
    YearlyReturn,
)
from jiangmen_edu.models.units import Region, School, Stage, Township, Unit
from jiangmen_edu.models.users import Role, User

__all__ = [
    "ImportBatch",
    "QualityExplanation",
    "QualityFinding",
    "QualityRuleSetting",
    "Region",
    "ReportingYear",
    "ReturnEvent",
    "Role",
    "School",
    "Section",
    "Severity",
    "Stage",
    "Township",
    "Unit",
    "User",
    "YearlyReturn",
]
