"""What the compliance table reads: the period asked for, and the scoped ledger rows."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Sum

from jiangmen_edu.models import User
from pairing import permissions
from pairing.models import (
    ActivityKind,
    PairingRound,
    Placement,
    SchoolLink,
    SupportCycle,
    SupportGroup,
    SupportTeam,
    TeamSchool,
)
from pairing.rules.periods import Span, intersection, year_span
from pairing.rules.targets import IT_TRAINING_DAYS, IT_TRAINING_HOURS


@dataclass(frozen=True)
class Period:
    """A round, one of its cycles or one of its years, and the part of it elapsed by `as_of`."""

    round: PairingRound
    cycle: SupportCycle | None
    year: int | None
    span: Span
    as_of: datetime.date

    @property
    def elapsed(self) -> Span | None:
        return intersection(self.span, Span(self.span.start, self.as_of))

    @property
    def round_span(self) -> Span:
        return Span(
            datetime.date(self.round.start_year, 1, 1), datetime.date(self.round.end_year, 12, 31)
        )

    def support_span(self, first_cycle_start: datetime.date | None) -> Span:
        """The round from its first cycle on: when teams are at work."""
        span = self.round_span
        if first_cycle_start is not None and first_cycle_start > span.start:
            return Span(first_cycle_start, span.end)
        return span

    def years(self) -> list[int]:
        elapsed = self.elapsed
        if elapsed is None:
            return []
        return list(range(elapsed.start.year, elapsed.end.year + 1))


def resolve_period(
    params: Mapping[str, str], as_of: datetime.date, default_year: int | None = None
) -> tuple[Period | None, list[PairingRound], list[SupportCycle]]:
    """The period of the GET parameters `round`, `cycle` and `year`; by default the round
    that contains `default_year` (the latest reporting year) or else `as_of`."""
    rounds = list(PairingRound.objects.all())
    cycles = list(SupportCycle.objects.select_related("round"))
    if not rounds:
        return None, rounds, cycles
    chosen = next((r for r in rounds if str(r.pk) == params.get("round")), None)
    if chosen is None:
        year = default_year or as_of.year
        begun = [r for r in rounds if r.start_year <= year] or rounds[:1]
        chosen = next((r for r in begun if r.end_year >= year), begun[-1])
    round_cycles = [c for c in cycles if c.round_id == chosen.pk]
    cycle = next((c for c in round_cycles if str(c.pk) == params.get("cycle")), None)
    year = params.get("year", "")
    year = (
        int(year) if year.isdigit() and chosen.start_year <= int(year) <= chosen.end_year else None
    )
    if cycle is not None:
        span, year = Span(cycle.start, cycle.end), None
    elif year is not None:
        span = year_span(year)
    else:
        span = Span(datetime.date(chosen.start_year, 1, 1), datetime.date(chosen.end_year, 12, 31))
    return Period(chosen, cycle, year, span, as_of), rounds, round_cycles


@dataclass
class LedgerData:
    period: Period
    cycles: list[SupportCycle]  # the round's cycles that overlap the period
    groups: list[SupportGroup]
    teams: list[SupportTeam]
    placements: list[Placement]
    links: list[SchoolLink]
    # (recipient unit id, cycle id) → dispatched teachers of the cycle
    dispatched: dict[tuple[int, int], int] = field(default_factory=dict)
    # (recipient unit id, year) → shadowing teachers starting that year
    shadowing: dict[tuple[int, int], int] = field(default_factory=dict)
    # (kind, placement id) → lessons, visits … in the elapsed period
    by_placement: dict[tuple[str, int], int] = field(default_factory=dict)
    # team id → principal visits in the elapsed period (the team's own lines and its schools')
    visits_by_team: dict[int, int] = field(default_factory=dict)
    # (recipient unit id, year) → IT-training participants trained 5 days / 30 hours
    it_trained: dict[tuple[int, int], int] = field(default_factory=dict)
    # recipient unit id → teachers trained in the round so far (trainings and IT trainings)
    trained_in_round: dict[int, int] = field(default_factory=dict)
    # (school id, date, count) of group-schooling dispatches in the elapsed period
    dispatches: list[tuple[int, datetime.date, int]] = field(default_factory=list)
    # (recipient unit id, year) → full-time teachers in the teachers ledger's roster
    teachers: dict[tuple[int, int], int] = field(default_factory=dict)
    city_view: bool = False
    # The round from its first cycle on, over which teams owe their monthly visits.
    support_span: Span | None = None


def load(
    user: User,
    period: Period,
    group: SupportGroup | None = None,
    team: SupportTeam | None = None,
) -> LedgerData:
    """Everything the table reads, scoped to what `user` may see, in constant queries."""
    elapsed = period.elapsed or Span(period.span.start, period.span.start)
    placements = permissions.placements_for_user(user)
    activities = permissions.activities_for_user(user)
    links = permissions.school_links_for_user(user).filter(cycle__round=period.round)
    teams = permissions.teams_for_user(user).filter(round=period.round)
    groups = permissions.groups_for_user(user).select_related("recipient")
    if group is not None:
        placements = placements.filter(recipient_unit_id=group.recipient_id)
        activities = activities.filter(recipient_unit_id=group.recipient_id)
        links = links.filter(recipient_unit_id=group.recipient_id)
        teams = teams.filter(group=group)
        groups = groups.filter(pk=group.pk)
    if team is not None:
        placements = placements.filter(team=team)
        teams = teams.filter(pk=team.pk)
    counted = placements.order_by()
    placements = placements.filter(start__lte=period.span.end, end__gte=period.span.start)
    round_cycles = list(SupportCycle.objects.filter(round=period.round).select_related("round"))
    cycles = [c for c in round_cycles if c.start <= period.span.end and c.end >= period.span.start]
    in_period = activities.filter(date__gte=elapsed.start, date__lte=elapsed.end)
    data = LedgerData(
        period=period,
        cycles=cycles,
        groups=list(groups.order_by("recipient__order")),
        teams=list(
            teams.select_related("group__recipient", "unit").prefetch_related(
                Prefetch("team_schools", queryset=TeamSchool.objects.select_related("school"))
            )
        ),
        placements=list(
            placements.select_related("home_school", "host_school", "supporter_unit", "team")
        ),
        links=list(links.select_related("cycle", "supporter_school", "recipient_school")),
        city_view=permissions.is_city_user(user),
        support_span=period.support_span(min((c.start for c in round_cycles), default=None)),
    )
    for recipient_id, cycle_id, total in (
        counted.filter(kind=Placement.Kind.DISPATCHED, cycle__in=cycles)
        .values("recipient_unit_id", "cycle_id")
        .annotate(total=Count("pk"))
        .values_list("recipient_unit_id", "cycle_id", "total")
    ):
        data.dispatched[(recipient_id, cycle_id)] = total
    for recipient_id, year, total in (
        counted.filter(
            kind=Placement.Kind.SHADOWING,
            year__gte=period.round.start_year,
            year__lte=period.round.end_year,
        )
        .values("recipient_unit_id", "year")
        .annotate(total=Count("pk"))
        .values_list("recipient_unit_id", "year", "total")
    ):
        data.shadowing[(recipient_id, year)] = total
    for kind, placement_id, total in (
        in_period.filter(placement__isnull=False)
        .values("kind", "placement_id")
        .annotate(total=Sum("count"))
        .order_by()
        .values_list("kind", "placement_id", "total")
    ):
        data.by_placement[(kind, placement_id)] = total
    _team_visits(data, in_period)
    for recipient_id, date, total in (
        activities.filter(
            kind=ActivityKind.IT_TRAINING,
            hours__gte=IT_TRAINING_HOURS,
            days__gte=IT_TRAINING_DAYS,
            date__gte=period.round_span.start,
            date__lte=elapsed.end,
        )
        .values("recipient_unit_id", "date__year")
        .annotate(total=Sum("count"))
        .order_by()
        .values_list("recipient_unit_id", "date__year", "total")
    ):
        data.it_trained[(recipient_id, date)] = total
    for recipient_id, total in (
        activities.filter(
            kind__in=[ActivityKind.TRAINING, ActivityKind.IT_TRAINING],
            date__gte=period.round_span.start,
            date__lte=min(period.as_of, period.round_span.end),
        )
        .values("recipient_unit_id")
        .annotate(total=Sum("count"))
        .order_by()
        .values_list("recipient_unit_id", "total")
    ):
        data.trained_in_round[recipient_id] = total
    data.dispatches = list(
        in_period.filter(kind=ActivityKind.GROUP_SCHOOLING, school__isnull=False).values_list(
            "school_id", "date", "count"
        )
    )
    data.teachers = recipient_teachers(
        [g.recipient_id for g in data.groups],
        range(period.round.start_year, period.round.end_year + 1),
    )
    return data


def _team_visits(data: LedgerData, in_period) -> None:
    """Principal visits count for a team when attached to it, or to one of its schools by the
    team's unit."""
    visits = in_period.filter(kind=ActivityKind.PRINCIPAL_VISIT).values_list(
        "team_id", "school_id", "supporter_unit_id", "count"
    )
    schools = defaultdict(list)
    for team in data.teams:
        for team_school in team.team_schools.all():
            schools[(team_school.school_id, team.unit_id)].append(team.pk)
    for team_id, school_id, supporter_id, count in visits:
        if team_id is not None:
            owners = [team_id]
        else:
            owners = schools.get((school_id, supporter_id), [])
        for owner in owners:
            data.visits_by_team[owner] = data.visits_by_team.get(owner, 0) + count


def recipient_teachers(unit_ids: list[int], years) -> dict[tuple[int, int], int]:
    """Full-time teachers per county and year, from the teachers ledger's roster
    (docs/rules.md#teachers); a year without a roster takes the latest earlier one."""
    from teachers.models import Post, StaffYear

    years = list(years)
    counted = dict(
        ((unit_id, year), total)
        for unit_id, year, total in StaffYear.objects.filter(
            unit_id__in=unit_ids, post=Post.TEACHER, year__lte=years[-1] if years else 0
        )
        .values("unit_id", "year")
        .annotate(total=Count("pk"))
        .order_by()
        .values_list("unit_id", "year", "total")
    )
    result = {}
    for unit_id in unit_ids:
        known = sorted(year for unit, year in counted if unit == unit_id)
        for year in years:
            earlier = [y for y in known if y <= year]
            if earlier:
                result[(unit_id, year)] = counted[(unit_id, earlier[-1])]
    return result
