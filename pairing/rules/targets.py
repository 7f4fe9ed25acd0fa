"""The targets of the compliance table (docs/rules.md#pairing-targets; Annex 2 二(二), 三(三),
四(一)–(五)).

Boundary words: "不少于" (not fewer than) includes the number, so each target is met *at*
its value. Shares are compared exactly on integers, never on rounded or floating values
(docs/rules.md#i-7).
"""

# Annex 2 二(二): per cycle ≥ 120 dispatched teachers in all; per year ≥ 120 shadowing.
DISPATCHED_PER_CYCLE = 120
SHADOWING_PER_YEAR = 120
# Annex 2 三(三): per cycle ≥ 30 school pairs.
SCHOOL_PAIRS_PER_CYCLE = 30
# Annex 2 二(二): each support team helps 1–2 township central schools.
TEAM_SCHOOLS = (1, 2)
# Annex 2 四(一): supporters ≥ 2 open classes a month, ≥ 2 reviews a week; recipients ≥ 3
# observations a week; ≥ 1 reflection (learning notes, shadowing summary) a semester.
OPEN_CLASSES_PER_MONTH = 2
REVIEWS_PER_WEEK = 2
OBSERVATIONS_PER_WEEK = 3
REFLECTIONS_PER_SEMESTER = 1
# Annex 2 四(一): full rotation training of the recipient's teachers within 5 years.
COVERAGE_YEARS = 5
# Annex 2 四(三): ≥ 2 visits a month of lesson observation and diagnosis.
PRINCIPAL_VISITS_PER_MONTH = 2
# Annex 2 四(四): each year ≥ 5 % of the recipient county's teachers, 5 days (30 hours).
IT_TRAINING_PERCENT = 5
IT_TRAINING_DAYS = 5
IT_TRAINING_HOURS = 30
# Annex 2 四(五): each cycle 1–2 weak recipient schools join; 3–5 staff a semester.
GROUP_SCHOOLING_SCHOOLS = (1, 2)
GROUP_SCHOOLING_STAFF = (3, 5)


def at_least(actual: int, target: int) -> bool:
    """不少于: met at the target itself."""
    return actual >= target


def within(actual: int, bounds: tuple[int, int]) -> bool:
    """ "1–2", "3–5": both ends included."""
    low, high = bounds
    return low <= actual <= high


def required(rate: int, units: int) -> int:
    """A rate per month, week or semester times the months, weeks or semesters served."""
    return rate * units


def it_training_required(teachers: int) -> int:
    """The fewest trained teachers that reach 5 % of `teachers` (rounded up)."""
    return -(-teachers * IT_TRAINING_PERCENT // 100)


def it_training_met(trained: int, teachers: int) -> bool:
    """trained / teachers ≥ 5 %, compared exactly: trained × 100 ≥ 5 × teachers."""
    return teachers > 0 and trained * 100 >= IT_TRAINING_PERCENT * teachers


def counts_as_it_training(hours, days) -> bool:
    """A participant counts when trained for the full 5 days and 30 hours."""
    return (
        hours is not None
        and days is not None
        and hours >= IT_TRAINING_HOURS
        and days >= IT_TRAINING_DAYS
    )


def coverage_required(teachers: int, years_elapsed: int) -> int:
    """Teachers to have trained after `years_elapsed` years of the 5: the pro-rata share,
    rounded up; all of them once the five years are over."""
    years = max(0, min(years_elapsed, COVERAGE_YEARS))
    return -(-teachers * years // COVERAGE_YEARS)


def team_schools_count_ok(count: int) -> bool:
    """Annex 2 二(二): a team helps 1–2 township central schools."""
    return within(count, TEAM_SCHOOLS)
