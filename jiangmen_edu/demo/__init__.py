"""Demo data for `manage.py seed_demo` (see `core.py` for the order the parts run in).

`PARTS` lists the per-app demo parts as dotted paths, so that the core imports no app: each is
a function `seed(rng: random.Random, scale: str) -> dict[str, int]` that fills the reporting
years' data and returns counts of what it created. The command calls them in this order, each
with its own fork of the seed's stream, after the core and before the review history. An app
adds its part by appending its path here.
"""

PARTS: list[str] = [
    "teachers.demo.seed",
    "seats.demo.seed",
    "pairing.demo.seed",
    "assessment.demo.seed",
]

# Parts that need the review history first: the scores read approved returns only, and the
# data-quality flaws go into returns the city has not locked. Each a function
# `after_history(rng: random.Random, scale: str) -> dict[str, int]`, called in this order,
# each with its own fork of the seed's stream, after `seed_history`.
AFTER_HISTORY: list[str] = [
    "assessment.demo.after_history",
    "teachers.demo.flaws.after_history",
    "seats.demo.after_history",
]
