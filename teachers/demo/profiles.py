"""What each unit's teachers ledger looks like (`PROFILES`), and how big it is at each scale
(`SIZES`).

The profiles, in 2025 (items 2.1, 2.2, 2.3 of docs/rules.md#indicator-table):

| unit | degree targets (2.1) | temp ratio (2.3c) | temp pay (2.3b) | researchers (2.2) | training |
| --- | --- | --- | --- | --- | --- |
| 市直 | all pass | ≤ 5 % | ≥ 70 % | none (not assessed) | on pace |
| 蓬江区 | all pass | ≤ 5 % | ≥ 70 % | every stage × subject (10) | on pace |
| 江海区 | all pass | ≤ 5 % | ≥ 70 % | every stage × subject (10) | on pace |
| 新会区 | all pass | ≤ 5 % | ≥ 70 % | every subject, not per stage (5) | on pace |
| 鹤山市 | all pass | > 5 %, fell ≥ 20 % vs 2024 | ≥ 70 % | incomplete (0) | on pace |
| 台山市 | primary, senior stage fail | ≤ 5 % | < 70 % | incomplete (0) | many behind |
| 开平市 | all pass | > 5 %, rose vs 2024 | ≥ 70 % | incomplete (0) | city level < 10 % |
| 恩平市 | kindergarten fails | ≤ 5 % | ≥ 70 % | incomplete (0) | many behind, city < 10 % |

"On pace" still leaves a few people behind the 450-hour pace everywhere, as in real returns.
Earlier years show the way there, and the other outcomes of item 2.3c: 鹤山市 is above 5 %
every year (no last-year figure in 2021, then small falls, or no change at small scale, until
2024); 台山市 is above 5 % in 2021–2022 and within from 2023; 开平市 rises above 5 % in 2024.
Across the city a few principals miss their qualification training or probation, serve a third
consecutive term or observe fewer than 50 lessons; a few researchers fall short of their hours,
days or lessons; one principal each in 台山市 and 恩平市 lacks the degree.
"""

from dataclasses import dataclass
from fractions import Fraction

from jiangmen_edu.demo.core import YEARS
from jiangmen_edu.models import School, Stage
from teachers.models import Degree

# The degree targets (docs/rules.md#degree-targets, item 2.1): (key, stages, degree held, share), in
# this order.
DEGREE_GROUPS: tuple[tuple[str, tuple[str, ...], int, Fraction], ...] = (
    ("kindergarten", (Stage.KINDERGARTEN,), Degree.ASSOCIATE, Fraction(98, 100)),
    ("primary", (Stage.PRIMARY,), Degree.BACHELOR, Fraction(93, 100)),
    ("junior", (Stage.JUNIOR,), Degree.BACHELOR, Fraction(98, 100)),
    ("senior_stage", (Stage.SENIOR, Stage.VOCATIONAL), Degree.MASTER, Fraction(25, 100)),
)
TEMP_RATIO_MAX = Fraction(5, 100)

# Coverage kinds of the researcher roster (item 2.2): 10, 5 and 0 points suggested.
ALL_PAIRS, SUBJECTS_ONLY, PARTIAL = "all_pairs", "subjects_only", "partial"


@dataclass(frozen=True)
class Profile:
    """What one unit's ledger looks like, mostly in 2025.

    `degrees`: the 2025 shares of full-time teachers with the "one level higher" degree, in the
    order of `DEGREE_GROUPS`; a share below its target fails it (set exactly, whatever the
    scale). `temp_ratio`: temporary teachers / on-staff staff of public schools, 2021–2025.
    `temp_pay`: temporary teachers' pay / on-staff teachers' average. `behind`: the share of
    teachers and principals training well behind the 450-hours-per-5-years pace.
    `city_training`: the share of training records given at city level: 0.15 sends about a
    quarter of the teachers to a city-level course each year, 0.03 or less leaves it under the
    10 % target. `principals_short`: principals without the degree their school needs.
    """

    degrees: tuple[float, float, float, float]
    temp_ratio: tuple[float, float, float, float, float]
    temp_pay: float
    coverage: str
    behind: float = 0.03
    city_training: float = 0.15
    principals_short: int = 0


PROFILES: dict[str, Profile] = {
    # 市直: not assessed; its researchers sit in the city's institute, outside this ledger.
    "440700": Profile((1.0, 0.99, 1.0, 0.42), (0.02, 0.02, 0.018, 0.016, 0.015), 0.86, ""),
    "440703": Profile(  # 蓬江区
        (0.995, 0.975, 0.99, 0.34), (0.045, 0.042, 0.04, 0.036, 0.032), 0.82, ALL_PAIRS
    ),
    "440704": Profile(  # 江海区
        (0.996, 0.97, 0.992, 0.31), (0.035, 0.032, 0.03, 0.028, 0.025), 0.85, ALL_PAIRS
    ),
    "440705": Profile(  # 新会区
        (0.992, 0.962, 0.988, 0.29), (0.048, 0.046, 0.044, 0.042, 0.04), 0.79, SUBJECTS_ONLY
    ),
    "440784": Profile(  # 鹤山市: temporary teachers above 5 %, but down by a quarter in 2025
        (0.99, 0.958, 0.986, 0.27), (0.12, 0.11, 0.105, 0.10, 0.07), 0.78, PARTIAL, 0.04
    ),
    "440781": Profile(  # 台山市: primary and senior stage short; temps underpaid; training late
        (0.99, 0.895, 0.985, 0.19),
        (0.06, 0.055, 0.046, 0.044, 0.042),
        0.62,
        PARTIAL,
        behind=0.25,
        city_training=0.12,
        principals_short=1,
    ),
    "440783": Profile(  # 开平市: temporary teachers rising above 5 %; little city training
        (0.988, 0.95, 0.984, 0.26),
        (0.035, 0.04, 0.045, 0.06, 0.075),
        0.77,
        PARTIAL,
        behind=0.05,
        city_training=0.025,
    ),
    "440785": Profile(  # 恩平市: kindergarten short; training late, little at city level
        (0.955, 0.94, 0.983, 0.255),
        (0.04, 0.04, 0.038, 0.036, 0.035),
        0.74,
        PARTIAL,
        behind=0.22,
        city_training=0.03,
        principals_short=1,
    ),
}


# --- sizes per scale --------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    school_staff: int | None  # total school staff in 2025; None: `per_school` × schools
    per_school: float
    city_excellent: tuple[int, int]  # per county and year: (base, up to this many more)
    county_famous: tuple[int, int]
    key_principals: int  # per county and year (市直: about half)
    moe_per_year: int  # MOE normal-university graduates hired, city-wide, each year
    researchers: dict[str, tuple[int, int]]  # coverage kind → (min, max) per county


SIZES: dict[str, Sizes] = {
    "full": Sizes(
        24_730,
        0,
        (15, 2),
        (88, 6),
        7,
        104,
        {ALL_PAIRS: (44, 48), SUBJECTS_ONLY: (30, 38), PARTIAL: (25, 40)},
    ),
    "small": Sizes(
        None,
        7.3,
        (1, 1),
        (6, 1),
        1,
        7,
        {ALL_PAIRS: (44, 45), SUBJECTS_ONLY: (19, 22), PARTIAL: (10, 14)},
    ),
}
FIRST_YEAR = YEARS[0]
# Staff in each year as a share of the 2025 size: the teaching force grows.
GROWTH = {2021: 0.90, 2022: 0.925, 2023: 0.95, 2024: 0.975, 2025: 1.0}
# Students per staff member, by school type; the reference 市直 schools have no student count.
STUDENTS_PER_STAFF = {
    School.Type.KINDERGARTEN: 11,
    School.Type.PRIMARY: 16,
    School.Type.NINE_YEAR: 14,
    School.Type.JUNIOR: 12,
    School.Type.COMPLETE_SECONDARY: 11,
    School.Type.SENIOR: 11,
    School.Type.TWELVE_YEAR: 12,
    School.Type.VOCATIONAL: 15,
    School.Type.SPECIAL: 4,
}
DEFAULT_STUDENTS = {
    School.Type.KINDERGARTEN: 420,
    School.Type.NINE_YEAR: 2200,
    School.Type.COMPLETE_SECONDARY: 3200,
    School.Type.SENIOR: 2800,
    School.Type.VOCATIONAL: 2600,
}
