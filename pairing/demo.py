"""Demo data of the pairing ledger (docs/rules.md#pairing): the first round, 2021–2025.

`seed(rng, scale)` is a demo part (registered in `jiangmen_edu.demo.PARTS`), run after the
core has created the schools (and after the teachers ledger, whose rosters size the IT
training) and before the review history locks the returns. One seed gives one data set;
nothing is written when the ledger already has placements.

What it makes:
- two support cycles (2021-09-01 – 2023-08-31, 2023-09-01 – 2025-08-31);
- support teams per group, each from one supporting unit, helping 1–2 central schools;
- dispatched teachers per cycle (at full scale about 125 a cycle, above the 120 target; at
  small scale a few dozen, below it) and shadowing teachers each school year;
- monthly activity lines: open classes and reviews of the dispatched, observations and
  reflections of the shadowing, principal visits of the teams, trainings and IT trainings,
  group-schooling dispatches; about one team in four (`WEAK_SHARE`) stays below its
  targets, as do a few shadowing teachers;
- school pairs (≥ 30 a cycle at full scale) and weak schools joining education groups.
Rows are written with `bulk_create`: demo data is not a user's change, so no audit entries.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from jiangmen_edu.demo import names
from jiangmen_edu.models import School, Unit
from pairing.models import (
    Activity,
    ActivityKind,
    PairingRound,
    Placement,
    PlacementKind,
    SchoolLink,
    SupportCycle,
    SupportTeam,
    SupportTeamMember,
    TeamSchool,
)
from pairing.rules.periods import Span
from pairing.selectors import group_map

D = datetime.date
CYCLES = ((1, D(2021, 9, 1), D(2023, 8, 31)), (2, D(2023, 9, 1), D(2025, 8, 31)))
LAST_DAY = D(2025, 12, 31)
WEAK_SHARE = 0.25
SUBJECTS = ("小学语文", "小学数学", "小学英语", "初中语文", "初中数学", "初中物理", "幼儿教育")


@dataclass(frozen=True)
class Size:
    teams_per_unit: int
    dispatched_per_cycle: int
    shadowing_per_year: int
    pairs_per_cycle: int


SIZES = {
    "small": Size(
        teams_per_unit=1, dispatched_per_cycle=24, shadowing_per_year=18, pairs_per_cycle=9
    ),
    "full": Size(
        teams_per_unit=4, dispatched_per_cycle=126, shadowing_per_year=123, pairs_per_cycle=33
    ),
}


def _month_days(span: Span):
    """The 15th (or the nearest day inside the span) of each month the span covers."""
    year, month = span.start.year, span.start.month
    while (year, month) <= (span.end.year, span.end.month):
        day = min(max(D(year, month, 15), span.start), span.end)
        yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def seed(rng: random.Random, scale: str) -> dict[str, int]:
    if Placement.objects.exists():
        return {}
    size = SIZES[scale]
    with transaction.atomic():
        return _Seeder(rng, size).run()


class _Seeder:
    def __init__(self, rng: random.Random, size: Size):
        self.rng, self.size = rng, size
        self.round = PairingRound.objects.get(start_year=2021)
        self.groups = group_map()
        self.units = Unit.objects.in_bulk()
        schools = list(School.objects.order_by("code"))
        self.by_unit: dict[int, list[School]] = {}
        for school in schools:
            self.by_unit.setdefault(school.unit_id, []).append(school)
        self.member_schools = {s.pk: s for s in schools}
        self.activities: list[Activity] = []
        self.serial = 0

    def run(self) -> dict[str, int]:
        cycles = [
            SupportCycle.objects.get_or_create(
                round=self.round, number=n, defaults={"start": start, "end": end}
            )[0]
            for n, start, end in CYCLES
        ]
        teams = self.make_teams()
        placements = self.make_dispatched(cycles, teams) + self.make_shadowing()
        Placement.objects.bulk_create(placements, batch_size=2000)
        links = self.make_links(cycles)
        self.teaching_lines(placements, teams)
        self.team_lines(teams)
        self.training_lines()
        Activity.objects.bulk_create(self.activities, batch_size=2000)
        return {
            "support teams": len(teams),
            "placements": len(placements),
            "school links": len(links),
            "activity lines": len(self.activities),
        }

    # --- people and structure ---------------------------------------------------------------

    def person(self) -> tuple[str, str]:
        family, given = names.person_name(self.rng)
        self.serial += 1
        return f"{family}{given}", f"P{self.serial:05d}"

    def supporter_schools(self, group, unit_id: int) -> list[School]:
        if self.units[unit_id].kind == Unit.Kind.CITY_DIRECT:
            return [self.member_schools[pk] for pk in sorted(self.groups.member_schools[group.pk])]
        return [s for s in self.by_unit.get(unit_id, []) if s.ownership == "public"]

    def make_teams(self) -> list[SupportTeam]:
        teams = []
        for recipient_id, group in sorted(self.groups.groups.items()):
            centrals = [s for s in self.by_unit.get(recipient_id, []) if s.is_central]
            self.rng.shuffle(centrals)
            for unit_id in sorted(self.groups.supporter_unit_ids(recipient_id)):
                for _i in range(self.size.teams_per_unit):
                    if not centrals:
                        break
                    count = min(len(centrals), self.rng.choice((1, 2)))
                    helped, centrals = centrals[:count], centrals[count:]
                    team = SupportTeam.objects.create(
                        group=group,
                        round=self.round,
                        name=f"{helped[0].name.removesuffix('中心小学')}支援组",
                        unit_id=unit_id,
                        leader=self.person()[0],
                    )
                    team.weak = self.rng.random() < WEAK_SHARE
                    team.helped = helped
                    TeamSchool.objects.bulk_create(TeamSchool(team=team, school=s) for s in helped)
                    SupportTeamMember.objects.bulk_create(
                        SupportTeamMember(
                            team=team, name=self.person()[0], subject=self.rng.choice(SUBJECTS)
                        )
                        for _m in range(self.rng.randint(3, 6))
                    )
                    teams.append(team)
        return teams

    def make_dispatched(self, cycles, teams) -> list[Placement]:
        placements = []
        for cycle in cycles:
            for i in range(self.size.dispatched_per_cycle):
                team = teams[i % len(teams)]
                group = team.group
                home = self.rng.choice(self.supporter_schools(group, team.unit_id))
                host = self.rng.choice(team.helped)
                name, staff_no = self.person()
                end = cycle.end if self.rng.random() > 0.08 else D(cycle.start.year + 1, 7, 31)
                placement = Placement(
                    kind=PlacementKind.DISPATCHED,
                    name=name,
                    staff_no=staff_no,
                    subject=self.rng.choice(SUBJECTS),
                    supporter_unit_id=team.unit_id,
                    recipient_unit_id=group.recipient_id,
                    home_school=home,
                    host_school=host,
                    cycle=cycle,
                    team=team,
                    start=cycle.start,
                    end=end,
                    year=cycle.start.year,
                )
                placement.weak = team.weak
                placements.append(placement)
        return placements

    def make_shadowing(self) -> list[Placement]:
        placements = []
        recipients = sorted(self.groups.groups)
        for year in range(2021, 2026):
            for i in range(self.size.shadowing_per_year):
                recipient_id = recipients[i % len(recipients)]
                group = self.groups.groups[recipient_id]
                supporter_id = self.rng.choice(sorted(self.groups.supporter_unit_ids(recipient_id)))
                name, staff_no = self.person()
                placement = Placement(
                    kind=PlacementKind.SHADOWING,
                    name=name,
                    staff_no=staff_no,
                    subject=self.rng.choice(SUBJECTS),
                    supporter_unit_id=supporter_id,
                    recipient_unit_id=recipient_id,
                    home_school=self.rng.choice(self.by_unit[recipient_id]),
                    host_school=self.rng.choice(self.supporter_schools(group, supporter_id)),
                    start=D(year, 9, 1),
                    end=min(D(year + 1, 7, 31), LAST_DAY),
                    year=year,
                )
                placement.weak = self.rng.random() < 0.1
                placements.append(placement)
        return placements

    def make_links(self, cycles) -> list[SchoolLink]:
        links = []
        recipients = sorted(self.groups.groups)
        for cycle in cycles:
            seen = set()
            for i in range(self.size.pairs_per_cycle):
                recipient_id = recipients[i % len(recipients)]
                group = self.groups.groups[recipient_id]
                supporter_id = self.rng.choice(sorted(self.groups.supporter_unit_ids(recipient_id)))
                supporter = self.rng.choice(self.supporter_schools(group, supporter_id))
                recipient = self.rng.choice(self.by_unit[recipient_id])
                if (supporter.pk, recipient.pk) in seen:
                    continue
                seen.add((supporter.pk, recipient.pk))
                links.append(self._link(cycle, SchoolLink.Kind.PAIR, supporter, recipient))
            for recipient_id in recipients:
                group = self.groups.groups[recipient_id]
                supporter_id = min(self.groups.member_units[group.pk])
                lead = self.supporter_schools(group, supporter_id)[0]
                weak = [s for s in self.by_unit[recipient_id] if not s.is_central]
                # 恩平's group takes in three in the second cycle: above the 1–2 of Annex 2.
                count = (
                    3
                    if cycle.number == 2 and recipient_id == recipients[-1]
                    else 1 + (recipient_id % 2)
                )
                for school in self.rng.sample(weak, min(count, len(weak))):
                    link = self._link(cycle, SchoolLink.Kind.GROUP_SCHOOLING, lead, school)
                    link.education_group = f"{lead.name}教育集团"
                    links.append(link)
                    self.dispatch_lines(cycle, lead.unit_id, school)
        SchoolLink.objects.bulk_create(links)
        return links

    def _link(self, cycle, kind, supporter, recipient) -> SchoolLink:
        return SchoolLink(
            cycle=cycle,
            kind=kind,
            supporter_school=supporter,
            recipient_school=recipient,
            supporter_unit_id=supporter.unit_id,
            recipient_unit_id=recipient.unit_id,
        )

    # --- activity lines ---------------------------------------------------------------------

    def line(self, kind, date, count, **attached) -> None:
        self.activities.append(Activity(kind=kind, date=date, count=count, **attached))

    def teaching_lines(self, placements, teams) -> None:
        for p in placements:
            sides = {
                "supporter_unit_id": p.supporter_unit_id,
                "recipient_unit_id": p.recipient_unit_id,
                "unit_id": p.editing_unit_id,
                "placement": p,
            }
            span = Span(p.start, min(p.end, LAST_DAY))
            for day in _month_days(span):
                if p.kind == PlacementKind.DISPATCHED:
                    self.line(
                        ActivityKind.OPEN_CLASS, day, 1 if p.weak else 2 + (day.month % 2), **sides
                    )
                    self.line(ActivityKind.LESSON_REVIEW, day, 6 if p.weak else 10, **sides)
                else:
                    self.line(ActivityKind.OBSERVATION, day, 10 if p.weak else 14, **sides)
                if day.month in (6, 12) and not p.weak:
                    self.line(ActivityKind.REFLECTION, day, 1, **sides)

    def team_lines(self, teams) -> None:
        span = Span(D(2021, 9, 1), LAST_DAY)
        for team in teams:
            sides = {
                "supporter_unit_id": team.unit_id,
                "recipient_unit_id": team.group.recipient_id,
                "unit_id": team.unit_id,
                "team": team,
            }
            for day in _month_days(span):
                self.line(ActivityKind.PRINCIPAL_VISIT, day, 1 if team.weak else 2, **sides)

    def training_lines(self) -> None:
        teachers = self.recipient_teachers()
        for recipient_id, group in sorted(self.groups.groups.items()):
            supporter_id = min(self.groups.member_units[group.pk])
            school = next(s for s in self.by_unit[recipient_id] if s.is_central)
            sides = {
                "supporter_unit_id": supporter_id,
                "recipient_unit_id": recipient_id,
                "unit_id": supporter_id,
                "school": school,
            }
            total = teachers.get(recipient_id, 0) or 40
            for year in range(2021, 2026):
                # IT training: 5–7 % of the county's teachers; 开平 falls short in 2023.
                share = 4 if (recipient_id == sorted(self.groups.groups)[1] and year == 2023) else 6
                self.line(
                    ActivityKind.IT_TRAINING,
                    D(year, 7, 12),
                    max(1, total * share // 100),
                    hours=30,
                    days=5,
                    title="信息技术应用能力提升培训",
                    **sides,
                )
                self.line(
                    ActivityKind.TRAINING,
                    D(year, 8, 20),
                    max(1, total * 18 // 100),
                    hours=24,
                    days=4,
                    title="教师全员轮训",
                    **sides,
                )

    def dispatch_lines(self, cycle, supporter_id, school) -> None:
        sides = {
            "supporter_unit_id": supporter_id,
            "recipient_unit_id": school.unit_id,
            "unit_id": supporter_id,
            "school": school,
        }
        for year in range(cycle.start.year, cycle.end.year + 1):
            for month in (3, 10):
                day = D(year, month, 10)
                if cycle.start <= day <= min(cycle.end, LAST_DAY):
                    self.line(ActivityKind.GROUP_SCHOOLING, day, self.rng.randint(2, 5), **sides)

    def recipient_teachers(self) -> dict[int, int]:
        try:
            from teachers.models import Post, StaffYear
        except ImportError:  # pragma: no cover - the teachers app is always installed
            return {}
        rows = (
            StaffYear.objects.filter(
                year=2025, post=Post.TEACHER, unit_id__in=list(self.groups.groups)
            )
            .values("unit_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {row["unit_id"]: row["n"] for row in rows}
