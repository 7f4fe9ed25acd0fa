"""The yearly funding statement (docs/rules.md#pairing-funding): what the city and each district
owe.

One line per teacher who served in the year, with the months, the rate that applies, the
amount and its split (see `pairing.rules.funding` for the rounding rule); then the totals per
home unit and per payer. Every figure is a sum of rounded lines, so the totals add up.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from jiangmen_edu.models import Unit, User
from pairing import permissions
from pairing.models import FundingRate, PayerShare, Placement
from pairing.rules import funding
from pairing.rules.periods import Span, months_served, year_span

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class StatementLine:
    placement: Placement
    months: int
    annual_amount: Decimal | None  # None: no rate configured for this placement
    amount: Decimal
    city_share: Decimal
    city: Decimal
    district: Decimal


@dataclass
class UnitTotal:
    unit: Unit
    teachers: int = 0
    months: int = 0
    amount: Decimal = ZERO
    city: Decimal = ZERO
    district: Decimal = ZERO


@dataclass
class Statement:
    year: int
    lines: list[StatementLine] = field(default_factory=list)
    by_unit: list[UnitTotal] = field(default_factory=list)
    unrated: int = 0

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def city_total(self) -> Decimal:
        return sum((line.city for line in self.lines), ZERO)

    @property
    def district_total(self) -> Decimal:
        return sum((line.district for line in self.lines), ZERO)

    @property
    def districts(self) -> list[UnitTotal]:
        """The districts that owe something: their halves."""
        return [total for total in self.by_unit if total.district]


def rates() -> list[funding.Rate]:
    return [
        funding.Rate(r.valid_from, r.kind, r.host_unit_id, r.min_months, r.annual_amount)
        for r in FundingRate.objects.all()
    ]


def shares() -> list[funding.Share]:
    return [funding.Share(s.unit_id, s.valid_from, s.city_share) for s in PayerShare.objects.all()]


def statement_line(
    placement: Placement, year: int, rate_table: list[funding.Rate], share_table
) -> StatementLine | None:
    """A placement's cost in `year`, or None when it served no month of it."""
    served = Span(placement.start, placement.end)
    months = months_served(served, year_span(year))
    if months == 0:
        return None
    rate = funding.pick_rate(
        rate_table,
        year=year,
        kind=placement.kind,
        host_unit_id=placement.host_unit.pk,
        total_months=months_served(served),
    )
    share = funding.pick_share(share_table, unit_id=placement.home_unit_id, year=year)
    if rate is None:
        return StatementLine(placement, months, None, ZERO, share, ZERO, ZERO)
    amount = funding.pro_rata(rate.annual_amount, months)
    city, district = funding.split(amount, share)
    return StatementLine(placement, months, rate.annual_amount, amount, share, city, district)


def funding_statement(user: User, year: int) -> Statement:
    """The statement of `year` over the placements `user` may see (four queries)."""
    placements = (
        permissions.placements_for_user(user)
        .filter(start__lte=f"{year}-12-31", end__gte=f"{year}-01-01")
        .select_related("supporter_unit", "recipient_unit", "home_school", "host_school")
        .order_by("kind", "supporter_unit__order", "recipient_unit__order", "name", "pk")
    )
    rate_table, share_table = rates(), shares()
    statement = Statement(year)
    totals: dict[int, UnitTotal] = {}
    for placement in placements:
        line = statement_line(placement, year, rate_table, share_table)
        if line is None:
            continue
        statement.lines.append(line)
        if line.annual_amount is None:
            statement.unrated += 1
        home = placement.home_unit
        total = totals.setdefault(home.pk, UnitTotal(home))
        total.teachers += 1
        total.months += line.months
        total.amount += line.amount
        total.city += line.city
        total.district += line.district
    statement.by_unit = sorted(totals.values(), key=lambda t: (t.unit.order, t.unit.code))
    return statement
