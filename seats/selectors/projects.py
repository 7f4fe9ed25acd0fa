"""The project list: one selector for the page and its xlsx export (docs/rules.md#seat-records,
docs/rules.md#exports).

Yearly sums and the evidence count come from subqueries, so the list costs two queries (a
count and a page) however many projects, years and files there are.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import ReportingYear, Township, Unit, User
from jiangmen_edu.permissions import counties_for_user, is_city_user, scope
from jiangmen_edu.record_lists import BoundFilter, Options
from seats.models import (
    Project,
    ProjectEvidence,
    ProjectKind,
    ProjectStatus,
    ProjectYear,
    SeatStage,
)


def _year_sum(field: str, year: int | None = None) -> Coalesce:
    rows = ProjectYear.objects.filter(project=OuterRef("pk"))
    if year is not None:
        rows = rows.filter(year=year)
    total = rows.values("project").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


def projects_queryset() -> QuerySet[Project]:
    """Projects with their unit, township and school, and their yearly sums."""
    evidence = (
        ProjectEvidence.objects.filter(project=OuterRef("pk"))
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Project.objects.select_related("unit", "township", "school")
        .annotate(
            delivered=_year_sum("seats_delivered"),
            boarding_delivered=_year_sum("boarding_delivered"),
            evidence_count=Coalesce(Subquery(evidence, output_field=IntegerField()), 0),
        )
        .order_by("unit__order", "code", "pk")
    )


@dataclass(frozen=True)
class ProjectSelection:
    rows: QuerySet[Project]
    filters: list[BoundFilter]
    q: str
    year: int | None

    @property
    def query(self) -> dict[str, str]:
        values = {f.param: f.value for f in self.filters if f.value}
        if self.q:
            values["q"] = self.q
        return values


def _choices(choices) -> Options:
    return [(str(value), str(label)) for value, label in choices]


def select_projects(user: User, params: Mapping[str, str]) -> ProjectSelection:
    """The projects `user` may see, narrowed by the page's filters (values checked against
    options that are themselves scoped to the user)."""
    rows = scope(projects_queryset(), user)
    units = [(u.code, u.name) for u in counties_for_user(user)]
    unit_code = params.get("unit", "") if is_city_user(user) else ""
    if unit_code not in {code for code, _name in units}:
        unit_code = ""
    townships: Options = []
    if unit_code or not is_city_user(user):
        township_rows = scope(Township.objects.order_by("kind", "name"), user)
        if unit_code:
            township_rows = township_rows.filter(unit__code=unit_code)
        townships = [(str(pk), name) for pk, name in township_rows.values_list("pk", "name")]
    years = [
        (str(y), str(y))
        for y in ReportingYear.objects.order_by("year").values_list("year", flat=True)
    ]
    specs = [
        ("unit", _("Unit"), units if is_city_user(user) else [], "unit__code"),
        ("kind", _("Kind"), _choices(ProjectKind.choices), "kind"),
        ("stage", _("Stage"), _choices(SeatStage.choices), "stage"),
        ("status", _("Status"), _choices(ProjectStatus.choices), "status"),
        ("township", _("Township"), townships, "township_id"),
        ("year", _("Year with figures"), years, "year"),
    ]
    bound, year = [], None
    for param, label, options, lookup in specs:
        value = params.get(param, "")
        if value not in {option for option, _text in options}:
            value = ""
        if value and param == "year":
            year = int(value)
            rows = rows.filter(pk__in=ProjectYear.objects.filter(year=year).values("project"))
        elif value:
            rows = rows.filter(**{lookup: value})
        bound.append(BoundFilter(param, label, options, value))
    if year is not None:
        rows = rows.annotate(
            planned_in_year=_year_sum("seats_planned", year),
            delivered_in_year=_year_sum("seats_delivered", year),
        )
    q = params.get("q", "").strip()
    if q:
        rows = rows.filter(Q(name__contains=q) | Q(code__startswith=q))
    return ProjectSelection(rows=rows, filters=bound, q=q, year=year)


def projects_active_in(*, unit: Unit, year: int) -> QuerySet[Project]:
    """The unit's projects with figures in `year`, each annotated with `delivered_to_date`:
    the seats delivered in `year` and every year before it. One query."""
    to_date = (
        ProjectYear.objects.filter(project=OuterRef("pk"), year__lte=year)
        .values("project")
        .annotate(total=Sum("seats_delivered"))
        .values("total")
    )
    return (
        Project.objects.filter(unit=unit, years__year=year)
        .annotate(delivered_to_date=Coalesce(Subquery(to_date, output_field=IntegerField()), 0))
        .order_by("code", "pk")
    )


def project_years_of(*, unit: Unit, year: int) -> QuerySet[ProjectYear]:
    """The unit's project rows of one year, with their project (one query)."""
    return (
        ProjectYear.objects.filter(project__unit=unit, year=year)
        .select_related("project")
        .order_by("project__code", "pk")
    )
