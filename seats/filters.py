"""The filters of the seat project list (`seats.selectors.select_projects`).

The units and townships offered are those the user may see; the city picks a unit before the
township drop-down is filled. Another county's unit or township is not an option, so asking
for it filters nothing. Choosing a year keeps the projects with figures in that year (the
selector then adds the year's planned and delivered seats).
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter

from jiangmen_edu.models import ReportingYear, Township, User
from jiangmen_edu.permissions import counties_for_user, is_city_user, scope
from jiangmen_edu.record_lists import ListFilterSet
from seats.models import Project, ProjectKind, ProjectStatus, ProjectYear, SeatStage


class ProjectFilterSet(ListFilterSet):
    unit = ChoiceFilter(field_name="unit__code", label=_("Unit"))
    kind = ChoiceFilter(choices=ProjectKind.choices, label=_("Kind"))
    stage = ChoiceFilter(choices=SeatStage.choices, label=_("Stage"))
    status = ChoiceFilter(choices=ProjectStatus.choices, label=_("Status"))
    township = ChoiceFilter(field_name="township", label=_("Township"))
    year = ChoiceFilter(method="with_figures_in", label=_("Year with figures"))

    search_lookups = ("name__contains", "code__startswith")
    search_label = _("Project name or number")

    class Meta:
        model = Project
        fields = ("unit", "kind", "stage", "status", "township", "year")

    def scope(self, user: User) -> None:
        self.set_options("unit", ((unit.code, unit.name) for unit in counties_for_user(user)))
        townships = scope(Township.objects.order_by("kind", "name"), user)
        if is_city_user(user):
            unit_code = self.chosen("unit")
            townships = townships.filter(unit__code=unit_code) if unit_code else townships.none()
        self.set_options("township", townships.values_list("pk", "name"))
        years = ReportingYear.objects.order_by("year").values_list("year", flat=True)
        self.set_options("year", ((year, year) for year in years))

    def with_figures_in(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=ProjectYear.objects.filter(year=int(value)).values("project"))

    @property
    def chosen_year(self) -> int | None:
        """The year chosen, whose planned and delivered seats the list adds."""
        if not self.is_bound or "year" in self.errors:
            return None
        value = self.form.cleaned_data.get("year")
        return int(value) if value else None
