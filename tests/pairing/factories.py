"""Pairing ledger rows for tests, written directly (the services have tests of their own)."""

import datetime

from jiangmen_edu.models import School, Unit
from pairing.models import (
    Activity,
    PairingRound,
    Placement,
    SchoolLink,
    SupportCycle,
    SupportGroup,
    SupportTeam,
    TeamSchool,
)

XINHUI = "440705"
TAISHAN = "440781"
KAIPING = "440783"
HESHAN = "440784"
PENGJIANG = "440703"
CITY_DIRECT = "440700"


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def make_school(code: str, name: str, unit_code: str, central: bool = False) -> School:
    school, _created = School.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "unit": unit(unit_code),
            "school_type": "primary",
            "ownership": "public",
            "is_central": central,
        },
    )
    return school


def first_round() -> PairingRound:
    return PairingRound.objects.get(start_year=2021)


def make_cycles() -> tuple[SupportCycle, SupportCycle]:
    round_ = first_round()
    one, _ = SupportCycle.objects.get_or_create(
        round=round_,
        number=1,
        defaults={"start": datetime.date(2021, 9, 1), "end": datetime.date(2023, 8, 31)},
    )
    two, _ = SupportCycle.objects.get_or_create(
        round=round_,
        number=2,
        defaults={"start": datetime.date(2023, 9, 1), "end": datetime.date(2025, 8, 31)},
    )
    return one, two


def group_for(recipient_code: str) -> SupportGroup:
    return SupportGroup.objects.get(recipient__code=recipient_code)


def make_placement(
    kind: str,
    home_school: School,
    host_school: School,
    start: datetime.date,
    end: datetime.date,
    *,
    name: str = "陈老师",
    staff_no: str = "S001",
    cycle: SupportCycle | None = None,
    team: SupportTeam | None = None,
) -> Placement:
    dispatched = kind == Placement.Kind.DISPATCHED
    supporter, recipient = (home_school, host_school) if dispatched else (host_school, home_school)
    return Placement.objects.create(
        kind=kind,
        name=name,
        staff_no=staff_no,
        home_school=home_school,
        host_school=host_school,
        supporter_unit_id=supporter.unit_id,
        recipient_unit_id=recipient.unit_id,
        cycle=cycle if dispatched else None,
        team=team,
        start=start,
        end=end,
        year=start.year,
    )


def make_team(
    recipient_code: str, unit_code: str, schools: list[School], name: str = "第一支援组"
) -> SupportTeam:
    team = SupportTeam.objects.create(
        group=group_for(recipient_code),
        round=first_round(),
        name=name,
        unit=unit(unit_code),
        leader="张组长",
    )
    for school in schools:
        TeamSchool.objects.create(team=team, school=school)
    return team


def make_activity(kind: str, date: datetime.date, count: int = 1, **attached) -> Activity:
    placement = attached.get("placement")
    team = attached.get("team")
    if placement is not None:
        supporter, recipient, editing = (
            placement.supporter_unit_id,
            placement.recipient_unit_id,
            placement.editing_unit_id,
        )
    elif team is not None:
        supporter, recipient, editing = team.unit_id, team.group.recipient_id, team.unit_id
    else:
        supporter = attached.pop("supporter_unit").pk
        recipient = attached["school"].unit_id
        editing = supporter
    return Activity.objects.create(
        kind=kind,
        date=date,
        count=count,
        supporter_unit_id=supporter,
        recipient_unit_id=recipient,
        unit_id=editing,
        **attached,
    )


def make_link(
    cycle: SupportCycle, supporter_school: School, recipient_school: School, kind: str = "pair"
) -> SchoolLink:
    return SchoolLink.objects.create(
        cycle=cycle,
        kind=kind,
        supporter_school=supporter_school,
        recipient_school=recipient_school,
        supporter_unit_id=supporter_school.unit_id,
        recipient_unit_id=recipient_school.unit_id,
    )
