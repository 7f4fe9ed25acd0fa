"""The project list: one selector for the page and its xlsx export (docs/rules.md#seat-records,
docs/rules.md#exports).

Yearly sums and the evidence count come from subqueries, so the list costs two queries (a
count and a page) however many projects, years and files there are.
"""

from collections.abc import Mapping

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from jiangmen_edu.models import Unit, User
from jiangmen_edu.permissions import scope
from jiangmen_edu.record_lists import Selection, select
from seats.filters import ProjectFilterSet
from seats.models import Project, ProjectEvidence, ProjectYear


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


def select_projects(user: User, params: Mapping[str, str]) -> Selection:
    """The projects `user` may see, narrowed by the page's filters (`ProjectFilterSet`, whose
    options are scoped to the user); with a year chosen, each row also carries that year's
    planned and delivered seats."""
    selection = select(ProjectFilterSet, scope(projects_queryset(), user), user, params)
    year = selection.filters.chosen_year
    if year is None:
        return selection
    rows = selection.rows.annotate(
        planned_in_year=_year_sum("seats_planned", year),
        delivered_in_year=_year_sum("seats_delivered", year),
    )
    return selection._replace(rows=rows)


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
