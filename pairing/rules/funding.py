"""Funding of dispatched and shadowing teachers (docs/rules.md#pairing-funding, Annex 2 五(二)).

10,000 yuan per teacher per year, pro rata by the months served in that year (see
`periods.months_served`), with configurable tiers; the city pays all of it for teachers whose
home is 台山, 开平, 恩平 or 市直, and half of it for 蓬江, 江海, 新会 and 鹤山, whose district
pays the other half.

Money is Decimal, never float. The rounding rule, which loses no fen:
1. a teacher's amount for a year = annual rate × months ÷ 12, rounded half-up to the fen;
2. the city's part = that amount × the city's share, rounded half-up to the fen;
3. the district pays the remainder (amount − city's part), so the parts add up exactly;
4. statements add up the rounded amounts, so every total is the sum of its lines.
A teacher from 新会 serving 8 months: 10,000 × 8 ÷ 12 = 6,666.666… → 6,666.67; city
3,333.335 → 3,333.34; 新会区 6,666.67 − 3,333.34 = 3,333.33.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
MONTHS_A_YEAR = 12
DEFAULT_ANNUAL_AMOUNT = Decimal("10000.00")


def to_fen(amount: Decimal) -> Decimal:
    """Round half-up to the fen (0.01 yuan)."""
    if not isinstance(amount, Decimal):
        raise TypeError("money must be Decimal")
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    valid_from: int
    kind: str  # "" for both kinds
    host_unit_id: int | None  # None for any host county
    min_months: int
    annual_amount: Decimal


@dataclass(frozen=True)
class Share:
    unit_id: int
    valid_from: int
    city_share: Decimal


def pick_rate(
    rates: Iterable[Rate], *, year: int, kind: str, host_unit_id: int, total_months: int
) -> Rate | None:
    """The tier that applies: among rates in force in `year` that match the placement, the
    most specific one (a host county over any county, a kind over both kinds), then the
    highest duration threshold reached, then the latest."""
    matching = [
        rate
        for rate in rates
        if rate.valid_from <= year
        and rate.kind in ("", kind)
        and rate.host_unit_id in (None, host_unit_id)
        and rate.min_months <= total_months
    ]
    if not matching:
        return None
    return max(
        matching,
        key=lambda r: (r.host_unit_id is not None, r.kind != "", r.min_months, r.valid_from),
    )


def pick_share(shares: Iterable[Share], *, unit_id: int, year: int) -> Decimal:
    """The city's share for a home unit in `year`: the latest entry in force; 1 if none."""
    in_force = [s for s in shares if s.unit_id == unit_id and s.valid_from <= year]
    if not in_force:
        return Decimal(1)
    return max(in_force, key=lambda s: s.valid_from).city_share


def pro_rata(annual_amount: Decimal, months: int) -> Decimal:
    """A year's amount for `months` months served, rounded half-up to the fen."""
    if not 0 <= months <= MONTHS_A_YEAR:
        raise ValueError("months must be between 0 and 12")
    return to_fen(annual_amount * months / MONTHS_A_YEAR)


def split(amount: Decimal, city_share: Decimal) -> tuple[Decimal, Decimal]:
    """(city's part, district's part): the city's rounded half-up, the district the rest."""
    city = to_fen(amount * city_share)
    return city, amount - city
