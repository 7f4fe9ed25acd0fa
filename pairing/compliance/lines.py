"""The lines of the compliance table, built from `LedgerData` in plain Python
(docs/rules.md#pairing-targets).

Each line has its target, the actual figure, pass / fail (None where the line only informs,
e.g. a group's share of a city-wide target) and the records behind it: the teachers, teams
or schools short of the target, and the parameters of the list that holds the records.
"""

from collections import defaultdict
from collections.abc import Callable
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from pairing.compliance.data import LedgerData
from pairing.compliance.group_lines import coverage_line, group_schooling_lines, it_training_lines
from pairing.compliance.records import Line, Section, started_cycles, with_records
from pairing.models import ActivityKind, Placement, PlacementKind, SchoolLink
from pairing.rules import targets as t
from pairing.rules.periods import (
    Span,
    intersection,
    months_served,
    semesters_served,
    weeks_served,
)


def _count_lines(
    data: LedgerData, recipients: list[int], informative: bool, prefix: str = ""
) -> list[Line]:
    """Dispatched per cycle, shadowing per year and school pairs per cycle (city-wide
    targets); for a group, its share, which informs and neither passes nor fails."""
    lines = []
    pairs = defaultdict(int)
    for link in data.links:
        if link.kind == SchoolLink.Kind.PAIR and link.recipient_unit_id in recipients:
            pairs[link.cycle_id] += 1
    for cycle in started_cycles(data):
        count = sum(data.dispatched.get((r, cycle.pk), 0) for r in recipients)
        lines.append(
            Line(
                prefix + f"dispatched-{cycle.pk}",
                _("Dispatched teachers, %(cycle)s") % {"cycle": cycle},
                _("≥ %(n)s in all per cycle") % {"n": t.DISPATCHED_PER_CYCLE},
                str(count),
                None if informative else t.at_least(count, t.DISPATCHED_PER_CYCLE),
                list_name="pairing:placement_list",
                query=urlencode({"kind": PlacementKind.DISPATCHED, "cycle": cycle.pk}),
            )
        )
        lines.append(
            Line(
                prefix + f"pairs-{cycle.pk}",
                _("School pairs, %(cycle)s") % {"cycle": cycle},
                _("≥ %(n)s in all per cycle") % {"n": t.SCHOOL_PAIRS_PER_CYCLE},
                str(pairs[cycle.pk]),
                None if informative else t.at_least(pairs[cycle.pk], t.SCHOOL_PAIRS_PER_CYCLE),
                list_name="pairing:school_link_list",
                query=urlencode({"kind": SchoolLink.Kind.PAIR, "cycle": cycle.pk}),
            )
        )
    for year in data.period.years():
        count = sum(data.shadowing.get((r, year), 0) for r in recipients)
        lines.append(
            Line(
                prefix + f"shadowing-{year}",
                _("Shadowing teachers starting in %(year)s") % {"year": year},
                _("≥ %(n)s in all per year") % {"n": t.SHADOWING_PER_YEAR},
                str(count),
                None if informative else t.at_least(count, t.SHADOWING_PER_YEAR),
                list_name="pairing:placement_list",
                query=urlencode({"kind": PlacementKind.SHADOWING, "year": year}),
            )
        )
    return lines


RateUnits = Callable[[Span], int]


def _person_rate(
    data: LedgerData,
    placements: list[Placement],
    key: str,
    label: str,
    target: str,
    kind: str,
    rate: int,
    units: RateUnits,
) -> Line:
    """Each teacher's count against rate × the months, weeks or semesters they served in
    the elapsed period; the line passes when every teacher meets it."""
    elapsed = data.period.elapsed
    met, short = 0, []
    for placement in placements:
        served = intersection(Span(placement.start, placement.end), elapsed) if elapsed else None
        if served is None:
            continue
        need = t.required(rate, units(served))
        got = data.by_placement.get((kind, placement.pk), 0)
        if t.at_least(got, need):
            met += 1
        else:
            short.append(f"{placement.name}（{placement.staff_no}）: {got} / {need}")
    total = met + len(short)
    line = Line(
        key,
        label,
        target,
        _("%(met)s of %(total)s teachers") % {"met": met, "total": total},
        None if total == 0 else not short,
    )
    return with_records(line, short)


def _rate_lines(data: LedgerData, placements: list[Placement], prefix: str) -> list[Line]:
    dispatched = [p for p in placements if p.kind == PlacementKind.DISPATCHED]
    shadowing = [p for p in placements if p.kind == PlacementKind.SHADOWING]
    return [
        _person_rate(
            data,
            dispatched,
            f"{prefix}open-classes",
            _("Open classes per dispatched teacher"),
            _("≥ %(n)s a month") % {"n": t.OPEN_CLASSES_PER_MONTH},
            ActivityKind.OPEN_CLASS,
            t.OPEN_CLASSES_PER_MONTH,
            months_served,
        ),
        _person_rate(
            data,
            dispatched,
            f"{prefix}reviews",
            _("Lesson reviews per dispatched teacher"),
            _("≥ %(n)s a week") % {"n": t.REVIEWS_PER_WEEK},
            ActivityKind.LESSON_REVIEW,
            t.REVIEWS_PER_WEEK,
            weeks_served,
        ),
        _person_rate(
            data,
            shadowing,
            f"{prefix}observations",
            _("Lesson observations per shadowing teacher"),
            _("≥ %(n)s a week") % {"n": t.OBSERVATIONS_PER_WEEK},
            ActivityKind.OBSERVATION,
            t.OBSERVATIONS_PER_WEEK,
            weeks_served,
        ),
        _person_rate(
            data,
            placements,
            f"{prefix}reflections",
            _("Written reflections per teacher"),
            _("≥ %(n)s a semester") % {"n": t.REFLECTIONS_PER_SEMESTER},
            ActivityKind.REFLECTION,
            t.REFLECTIONS_PER_SEMESTER,
            semesters_served,
        ),
    ]


def _team_visits(data: LedgerData, team) -> tuple[int, int]:
    """(visits, visits required) for a team over the elapsed part of the period."""
    elapsed = data.period.elapsed
    months = months_served(elapsed, data.support_span) if elapsed else 0
    return data.visits_by_team.get(team.pk, 0), t.required(t.PRINCIPAL_VISITS_PER_MONTH, months)


def _visits_line(data: LedgerData, teams, key: str) -> Line:
    met, short = 0, []
    for team in teams:
        got, need = _team_visits(data, team)
        if t.at_least(got, need):
            met += 1
        else:
            short.append(f"{team.name}: {got} / {need}")
    total = met + len(short)
    line = Line(
        key,
        _("Principal guidance visits per team"),
        _("≥ %(n)s a month") % {"n": t.PRINCIPAL_VISITS_PER_MONTH},
        _("%(met)s of %(total)s teams") % {"met": met, "total": total},
        None if total == 0 else not short,
    )
    return with_records(line, short)


def _team_lines(data: LedgerData, team) -> list[Line]:
    schools = [ts.school.name for ts in team.team_schools.all()]
    got, need = _team_visits(data, team)
    placements = [p for p in data.placements if p.team_id == team.pk]
    return [
        Line(
            f"team-schools-{team.pk}",
            _("Township central schools helped"),
            _("%(low)s–%(high)s") % dict(zip(("low", "high"), t.TEAM_SCHOOLS, strict=True)),
            "、".join(schools) or "0",
            t.team_schools_count_ok(len(schools)),
        ),
        Line(
            f"team-visits-{team.pk}",
            _("Principal guidance visits"),
            _("≥ %(n)s a month (%(need)s so far)")
            % {"n": t.PRINCIPAL_VISITS_PER_MONTH, "need": need},
            str(got),
            t.at_least(got, need),
            list_name="pairing:activity_list",
            query=urlencode({"kind": ActivityKind.PRINCIPAL_VISIT, "team": team.pk}),
        ),
        *_rate_lines(data, placements, f"team-{team.pk}-")[:2],
    ]


def build(data: LedgerData, *, team_chosen: bool = False) -> list[Section]:
    """The table's sections: the city-wide targets, each group, then each team."""
    sections = []
    recipients = [g.recipient_id for g in data.groups]
    if not team_chosen:
        if len(data.groups) > 1:
            sections.append(
                Section(
                    _("City-wide targets"),
                    _count_lines(data, recipients, informative=not data.city_view),
                    key="city",
                )
            )
        for group in data.groups:
            placements = [p for p in data.placements if p.recipient_unit_id == group.recipient_id]
            teams = [team for team in data.teams if team.group_id == group.pk]
            sections.append(
                Section(
                    f"{group.name} → {group.recipient.name}",
                    [
                        *_count_lines(
                            data,
                            [group.recipient_id],
                            informative=True,
                            prefix=f"group-{group.pk}-",
                        ),
                        *_rate_lines(data, placements, f"group-{group.pk}-"),
                        _visits_line(data, teams, f"group-{group.pk}-visits"),
                        *it_training_lines(data, group),
                        coverage_line(data, group),
                        *group_schooling_lines(data, group),
                    ],
                    key=f"group-{group.pk}",
                )
            )
    for team in data.teams:
        sections.append(
            Section(
                f"{team.name} ({team.unit.name})", _team_lines(data, team), key=f"team-{team.pk}"
            )
        )
    return sections
