"""A row's school, found by its code among the importing unit's schools."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from jiangmen_edu.models import School, Unit


@dataclass(frozen=True)
class UnitSchool:
    pk: int
    stages: tuple[str, ...]


@dataclass(frozen=True)
class SchoolCodes:
    """The unit's schools by code, and the codes of every other unit's schools: those are
    told apart from unknown codes, so the message can say which mistake it is."""

    own: dict[str, UnitSchool]
    others: frozenset[str]

    @classmethod
    def of(cls, unit: Unit) -> "SchoolCodes":
        """Two queries, whatever the number of rows that look a school up."""
        own = {
            code: UnitSchool(pk, School.STAGES_BY_TYPE[school_type])
            for code, pk, school_type in School.objects.filter(unit=unit).values_list(
                "code", "pk", "school_type"
            )
        }
        others = frozenset(School.objects.exclude(unit=unit).values_list("code", flat=True))
        return cls(own=own, others=others)

    def unknown(self, code: str) -> str:
        """The message for a code that names none of the unit's schools."""
        if code in self.others:
            return _("This school belongs to another county.")
        return _("No school with this code in your unit.")
