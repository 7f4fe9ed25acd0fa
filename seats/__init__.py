"""seats: the 14th-FYP public school-seat tracker (docs/rules.md#seats; inputs of items
3.1–3.3, docs/rules.md#indicator-table).

- `models/`: plan periods and quotas, yearly plans (分年度实施计划) with the counties'
  explanations, projects with their yearly figures and evidence, enrolment per unit and year,
  boarding schools;
- `rules.py`: the arithmetic, as plain functions with their sources and boundary tests;
- `selectors/`: reads (the progress board, one unit's years, project lists, enrolment,
  coverage) and `indicator_inputs(unit_ids, year)` for the assessment;
- `services/`: writes, each behind `workflow.ensure_editable` for the seats returns it touches
  (`services/locks.py` says which);
- `datasets/`: the Excel imports `seat_plan`, `seat_projects`, `seat_enrolment` (county) and
  the quota table (city administrator);
- `demo.py`: the `seed_demo` part.
"""
