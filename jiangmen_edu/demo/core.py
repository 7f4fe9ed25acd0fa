"""Core demo data: users, county schools, reporting years and the returns' workflow history.

Everything is drawn from the `random.Random` handed in, so one seed gives one data set. The
*plans* (which schools, which workflow steps) are pure functions of the random stream and the
reference data, computed in full on every run; the database is then brought up to the plan,
skipping what is already there. That keeps a second run harmless.

The command runs the parts in this order, each on its own `fork()` of the seed's stream:
1. `seed_core(rng, scale)`: users, schools, reporting years 2021–2025 with draft returns;
2. later parts beside this module (`seed_teachers(rng, scale, core)`, …) fill the years' data
   while every return is still a draft and editable;
3. `seed_history(core)`: submissions, send-backs and approvals, which lock the returns; before
   each submission the county explains the data-quality warnings (docs/quality.md).
4. the `AFTER_HISTORY` parts (`jiangmen_edu.demo`), which read approved returns: the
   assessment's score runs.
"""

import base64
import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from auditlog.context import set_actor
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from jiangmen_edu.demo import names
from jiangmen_edu.demo.schools import SchoolPlan, counties_from_db, create_schools, plan_county
from jiangmen_edu.models import (
    QualityExplanation,
    ReturnEvent,
    Role,
    School,
    Severity,
    Unit,
    User,
    YearlyReturn,
)
from jiangmen_edu.quality import services as quality
from jiangmen_edu.workflow import reporting_year_open, return_transition, return_update_details

DEMO_PASSWORD = "jiangmen2025"
# The demo city admin and reviewer need a second factor like every user of their roles
# (settings.SECOND_FACTOR_ROLES); their authenticator's key is published in README.md, a demo
# secret like the demo password. Any authenticator app, or the README's one-liner, gives codes.
DEMO_TOTP_SECRET = "JIANGMENDEMOSECRETJIANGMENDEMO23"
YEARS = tuple(range(2021, 2026))
CURRENT_YEAR = YEARS[-1]
Action = ReturnEvent.Action
Status = YearlyReturn.Status


@dataclass(frozen=True)
class Scale:
    name: str
    # Target number of schools per county code. Every township gets its central primary
    # school and kindergarten first, so a county with many townships may exceed its target.
    schools: dict[str, int]
    # Kinds of school (jiangmen_edu.demo.schools.SLOTS) every county gets whatever its size.
    county_slots: tuple[str, ...]


SCALES: dict[str, Scale] = {
    "small": Scale(
        "small",
        {
            "440703": 28,
            "440704": 14,
            "440705": 30,
            "440784": 26,
            "440781": 42,
            "440783": 36,
            "440785": 28,
        },
        ("complete_secondary", "junior", "primary", "private_kindergarten", "teaching_point"),
    ),
    "full": Scale(
        "full",
        {
            "440703": 240,
            "440704": 110,
            "440705": 230,
            "440784": 150,
            "440781": 220,
            "440783": 150,
            "440785": 110,
        },
        ("complete_secondary", "senior", "junior", "vocational", "special", "private_school"),
    ),
}


def fork(rng: random.Random) -> random.Random:
    """An independent stream for one part, so that parts do not shift each other's draws."""
    return random.Random(rng.getrandbits(64))


def plan_schools(rng: random.Random, scale: Scale) -> list[SchoolPlan]:
    """The county schools of this scale, in code order (reads the reference townships)."""
    return [
        plan
        for county in counties_from_db()
        for plan in plan_county(rng, county, scale.schools[county.code], scale.county_slots)
    ]


# --- users ---------------------------------------------------------------------------------

CITY_USERS: tuple[tuple[str, str], ...] = (
    ("admin", Role.CITY_ADMIN),
    ("reviewer", Role.CITY_REVIEWER),
    ("assessor", Role.ASSESSOR),
)
EDITOR_ALIAS = ("editor", "440781")  # the README's one-word login for 台山市


def editor_username(unit_code: str) -> str:
    return f"editor_{unit_code}"


@dataclass
class DemoUsers:
    admin: User
    reviewer: User
    assessor: User
    editors: dict[str, User]  # unit code → that unit's editor (editor_<code>)
    alias: User
    phones: dict[str, str] = field(default_factory=dict)  # unit code → contact line

    def all(self) -> list[User]:
        return [self.admin, self.reviewer, self.assessor, self.alias, *self.editors.values()]


def seed_users(rng: random.Random) -> DemoUsers:
    """Create or reset the demo logins, all with the password `jiangmen2025`."""
    units = sorted(Unit.objects.all(), key=lambda u: u.code)
    # One hash for all: PBKDF2 costs ~0.4 s a call, and these are public demo credentials.
    password = make_password(DEMO_PASSWORD)
    people = _distinct_names(rng, len(CITY_USERS) + 1 + len(units))
    phones = {unit.code: names.phone_number(rng) for unit in units}

    admin = _upsert_user("admin", Role.CITY_ADMIN, None, people[0], password)
    with set_actor(admin):
        city = {
            username: _upsert_user(username, role, None, person, password)
            for (username, role), person in zip(CITY_USERS[1:], people[1:3], strict=True)
        }
        alias_unit = next(u for u in units if u.code == EDITOR_ALIAS[1])
        alias = _upsert_user(EDITOR_ALIAS[0], Role.COUNTY_EDITOR, alias_unit, people[3], password)
        editors = {
            unit.code: _upsert_user(
                editor_username(unit.code), Role.COUNTY_EDITOR, unit, person, password
            )
            for unit, person in zip(units, people[4:], strict=True)
        }
    users = DemoUsers(admin, city["reviewer"], city["assessor"], editors, alias, phones)
    seed_second_factor(users)
    return users


def seed_second_factor(users: DemoUsers) -> None:
    """The demo admin and reviewer get an authenticator with the published demo key."""
    key = base64.b32decode(DEMO_TOTP_SECRET).hex()
    for user in (users.admin, users.reviewer):
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name="demo", key=key, confirmed=True)


def _distinct_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    chosen: list[tuple[str, str]] = []
    while len(chosen) < count:
        person = names.person_name(rng)
        if person not in chosen:
            chosen.append(person)
    return chosen


def _upsert_user(
    username: str, role: str, unit: Unit | None, person: tuple[str, str], password: str
) -> User:
    family, given = person
    user, _created = User.objects.update_or_create(
        username=username,
        defaults={
            "role": role,
            "unit": unit,
            "last_name": family,
            "first_name": given,
            "password": password,
            "is_active": True,
            # The back office needs model permissions as well as is_staff; the demo admin gets
            # them all so that users, years and reference data can be shown there.
            "is_staff": role == Role.CITY_ADMIN,
            "is_superuser": role == Role.CITY_ADMIN,
        },
    )
    return user


# --- reporting years and the workflow history ----------------------------------------------


@dataclass(frozen=True)
class Step:
    action: str
    comment: str = ""


def open_years(admin: User) -> None:
    with set_actor(admin):
        for year in YEARS:
            reporting_year_open(year=year, due_date=datetime.date(year + 1, 3, 31), user=admin)


def plan_history(
    rng: random.Random, year: int, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], list[Step]]:
    """The workflow steps for each (unit code, section) return of a year.

    Past years end approved, a few after a round of corrections. The current year shows every
    state: the first four returns of a shuffled order take one state each, the rest are drawn.
    """
    keys = sorted(keys)
    if year != CURRENT_YEAR:
        return {key: _steps_to(rng, Status.APPROVED, detour=0.1) for key in keys}
    order = rng.sample(keys, len(keys))
    states = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED]
    extra = max(0, len(keys) - len(states))
    targets = states + rng.choices(states, weights=[2, 3, 1.5, 3.5], k=extra)
    return {
        key: _steps_to(rng, target, detour=0.3) for key, target in zip(order, targets, strict=True)
    }


def _steps_to(rng: random.Random, target: str, detour: float) -> list[Step]:
    """Steps from draft to `target`; with probability `detour`, one send-back on the way."""
    send_back = Step(Action.SEND_BACK, rng.choice(names.SEND_BACK_COMMENTS))
    took_detour = rng.random() < detour
    if target == Status.DRAFT:
        return []
    if target == Status.RETURNED:
        return [Step(Action.SUBMIT), send_back]
    prefix = [Step(Action.SUBMIT), send_back] if took_detour else []
    last = [Step(Action.APPROVE)] if target == Status.APPROVED else []
    return [*prefix, Step(Action.SUBMIT), *last]


def seed_history(core: "CoreResult") -> int:
    """Move each year's still-draft returns along their plan; returns the steps taken.

    Run after every part has written its yearly data: approval locks a return.
    """
    steps_taken = 0
    for year in YEARS:
        returns = list(
            YearlyReturn.objects.filter(reporting_year__year=year).select_related("unit")
        )
        plan = plan_history(core.history_rng, year, [(r.unit.code, r.section) for r in returns])
        with transaction.atomic():
            for yearly_return in returns:
                steps = plan[(yearly_return.unit.code, yearly_return.section)]
                if yearly_return.status == Status.DRAFT and steps:
                    steps_taken += _play(yearly_return, steps, core.users)
    return steps_taken


def _play(yearly_return: YearlyReturn, steps: list[Step], users: DemoUsers) -> int:
    editor = users.editors[yearly_return.unit.code]
    if yearly_return.year == CURRENT_YEAR:
        # Only the live year gets a contact on the header: each service call costs an audit
        # entry, and past years' headers are not what a demo shows.
        with set_actor(editor):
            yearly_return = return_update_details(
                yearly_return=yearly_return,
                user=editor,
                contact_name=editor.get_full_name(),
                contact_phone=users.phones[yearly_return.unit.code],
                notes="",
            )
    for step in steps:
        actor = editor if step.action == Action.SUBMIT else users.reviewer
        # The actor of each audit entry is whoever took the step, as in the web pages.
        with set_actor(actor):
            if step.action == Action.SUBMIT:
                _explain_warnings(yearly_return, editor)
            yearly_return = return_transition(
                yearly_return=yearly_return, user=actor, action=step.action, comment=step.comment
            )
    return len(steps)


def _explain_warnings(yearly_return: YearlyReturn, editor: User) -> None:
    """As a county editor does before submitting: explain each warning the rules raise.

    Written directly, like the rest of the demo data; the submission's gate then runs the
    rules again and stores their findings.
    """
    answers = names.WARNING_EXPLANATIONS
    explained = set(yearly_return.explanations.values_list("code", "key"))
    QualityExplanation.objects.bulk_create(
        QualityExplanation(
            yearly_return=yearly_return,
            code=finding.code,
            key=finding.key,
            text=answers.get(finding.code, answers[""]),
            author=editor,
        )
        for finding in quality.findings_compute(yearly_return)
        if finding.severity == Severity.WARNING and (finding.code, finding.key) not in explained
    )


# --- the part as a whole --------------------------------------------------------------------


@dataclass
class CoreResult:
    """What later parts build on: the demo users, the scale, and the history's random stream."""

    scale: Scale
    users: DemoUsers
    schools_planned: int
    schools_created: int
    history_rng: random.Random = field(repr=False)


def seed_core(rng: random.Random, scale: Scale | str) -> CoreResult:
    """Users, county schools and reporting years 2021–2025 with their draft returns.

    Expects the reference data loaded (`jiangmen_edu.reference.load_all()`); the review
    history comes later, from `seed_history(core)`.
    """
    scale = SCALES[scale] if isinstance(scale, str) else scale
    # Fixed forks first, so that skipping a step on a re-run cannot shift the other streams.
    schools_rng, people_rng, history_rng = fork(rng), fork(rng), fork(rng)
    with transaction.atomic():
        plans = plan_schools(schools_rng, scale)
        created = create_schools(plans)
        users = seed_users(people_rng)
        open_years(users.admin)
    return CoreResult(scale, users, len(plans), created, history_rng)


def schools_by_county() -> dict[str, int]:
    counts = Counter(School.objects.values_list("unit__name", flat=True))
    return {unit.name: counts[unit.name] for unit in Unit.objects.order_by("order", "code")}


def statuses_in(year: int) -> Counter:
    return Counter(
        YearlyReturn.objects.filter(reporting_year__year=year).values_list("status", flat=True)
    )
