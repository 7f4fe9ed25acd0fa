"""The filters of the ledger's record lists (`teachers.lists`), one FilterSet per list.

Every list filters by year and unit and searches by name or staff number. The units, schools
and years offered are those the user may see: a county editor's only unit is not shown, and
another county's unit or school is not an option, so asking for it filters nothing.
"""

from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter

from jiangmen_edu.models import ReportingYear, School, User
from jiangmen_edu.permissions import counties_for_user, is_city_user, scope
from jiangmen_edu.record_lists import ListFilterSet, label
from teachers.models import (
    PrincipalAppointment,
    PrincipalSemester,
    ResearcherDuty,
    StaffYear,
    TalentTitle,
    TrainingRecord,
)

YEAR = gettext_lazy("Year")
UNIT = gettext_lazy("Unit")


class TeacherRecordFilterSet(ListFilterSet):
    """Year and unit, scoped to the user; search by name or staff number. A list whose year
    or unit is reached otherwise redeclares the filter with its own `field_name`."""

    year = ChoiceFilter(field_name="year", label=YEAR)
    unit = ChoiceFilter(field_name="staff__unit__code", label=UNIT)

    search_lookups = ("staff__name__contains", "staff__staff_no__startswith")
    search_label = gettext_lazy("Name or staff number")

    def scope(self, user: User) -> None:
        years = ReportingYear.objects.values_list("year", flat=True)
        self.set_options("year", ((year, year) for year in years))
        self.set_options("unit", ((unit.code, unit.name) for unit in counties_for_user(user)))
        if "school" in self.filters:
            self.set_options("school", self.school_options(user))

    def school_options(self, user: User):
        """The user's schools; the city picks a unit first rather than scroll a thousand."""
        schools = scope(School.objects.order_by("code"), user)
        if is_city_user(user):
            unit_code = self.chosen("unit")
            if not unit_code:
                return []
            schools = schools.filter(unit__code=unit_code)
        return schools.values_list("pk", "name")


class RosterFilterSet(TeacherRecordFilterSet):
    unit = ChoiceFilter(field_name="unit__code", label=UNIT)
    school = ChoiceFilter(field_name="school", label=label(StaffYear, "school"))

    class Meta:
        model = StaffYear
        fields = (
            "year",
            "unit",
            "school",
            "stage",
            "post",
            "employment",
            "degree",
            "title",
            "subject",
        )


class TrainingFilterSet(TeacherRecordFilterSet):
    year = ChoiceFilter(field_name="date__year", label=YEAR)

    class Meta:
        model = TrainingRecord
        fields = ("year", "unit", "level")


class TalentTitleFilterSet(TeacherRecordFilterSet):
    class Meta:
        model = TalentTitle
        fields = ("year", "unit", "kind", "level")


class AppointmentFilterSet(TeacherRecordFilterSet):
    year = ChoiceFilter(field_name="start_date__year", label=YEAR)
    school = ChoiceFilter(field_name="school", label=label(PrincipalAppointment, "school"))

    class Meta:
        model = PrincipalAppointment
        fields = ("year", "unit", "school")


class PrincipalSemesterFilterSet(TeacherRecordFilterSet):
    class Meta:
        model = PrincipalSemester
        fields = ("year", "unit", "semester")


class ResearcherDutyFilterSet(TeacherRecordFilterSet):
    class Meta:
        model = ResearcherDuty
        fields = ("year", "unit", "level")
