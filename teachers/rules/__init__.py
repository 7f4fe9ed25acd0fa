"""Business rules of the teachers ledger (docs/rules.md#teachers; the inputs of
items 2.1, 2.2 and 2.3, docs/rules.md#indicator-table).

Pure functions over plain values: no ORM, no translation, no floats. `teachers.selectors`
gathers the counts from the database and hands them to these functions; pages and the
assessment app read the results. One module per concept; import from it directly:

- `shares`: a count against a target share, the gap in people, percentages for display;
- `degrees`: the 2025 degree targets per stage and for principals (item 2.1);
- `temporary`: temporary teachers' ratio and pay (items 2.3b, 2.3c);
- `training`: the 450-hour cycle, researchers' 90 hours, city-level training, new principals'
  qualification training;
- `principals`: appointment requirements, probation, terms, lessons observed;
- `researchers`: researchers' requirements and duties, and stage × subject coverage (item 2.2);
- `headlines`: the city's headline counts.

Two conventions run through the package:
- boundary words (docs/rules.md#boundary-words): 以上 "at or above", 低于 "at or below", 不少于 "at
  least" include the number; 超过 "exceeds", 不满/不足 "short of" exclude it;
- exact comparisons (docs/rules.md#i-7): a share is a `Fraction` of two counts, pay and hours are
  `Decimal`s; nothing is rounded before it is compared. Rounding is for display only.

The rules return categories and flags, not points: the assessment app maps them to points from
the year's configuration (thresholds and points are data per year and region,
docs/rules.md#regional-thresholds).
"""
