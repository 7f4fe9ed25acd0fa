"""`manage.py seed_demo`: complete, deterministic and safe to run twice."""

import base64
import random
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from jiangmen_edu.demo.core import (
    CURRENT_YEAR,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    SCALES,
    YEARS,
    editor_username,
    plan_schools,
)
from jiangmen_edu.demo.names import chinese_ordinal
from jiangmen_edu.models import (
    QualityExplanation,
    QualityFinding,
    ReturnEvent,
    Role,
    School,
    Severity,
    Township,
    Unit,
    User,
    YearlyReturn,
)
from jiangmen_edu.reference import load_all

Status = YearlyReturn.Status
Action = ReturnEvent.Action
COUNTY_CODES = {"440703", "440704", "440705", "440784", "440781", "440783", "440785"}


def seed(seed: int = 1, scale: str = "small") -> str:
    out = StringIO()
    call_command("seed_demo", scale=scale, seed=seed, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db) -> str:
    return seed()


def demo_schools():
    return School.objects.filter(unit__kind=Unit.Kind.COUNTY)


def test_it_creates_schools_in_every_county_with_unique_codes(seeded):
    codes = list(demo_schools().values_list("code", "unit__code"))
    assert {unit for _code, unit in codes} == COUNTY_CODES
    assert len({code for code, _unit in codes}) == len(codes)
    for code, unit in codes:
        # 44 + the county's division-code digits 3..6 + a sequence: never a 440700 code.
        assert re.fullmatch(r"\d{10}", code) and code.startswith(unit)
    assert School.objects.filter(code__startswith="440700").count() == 12


def test_it_gives_every_township_its_central_schools(seeded):
    for township in Township.objects.filter(unit__kind=Unit.Kind.COUNTY):
        centrals = township.schools.filter(is_central=True, ownership=School.Ownership.PUBLIC)
        assert centrals.filter(school_type=School.Type.PRIMARY).exists(), township
        if township.kind == Township.Kind.TOWN:
            assert centrals.filter(school_type=School.Type.KINDERGARTEN).exists(), township


def test_it_keeps_teaching_points_small_and_names_chinese(seeded):
    points = demo_schools().filter(is_teaching_point=True)
    assert points.exists()
    assert all(
        p.school_type == School.Type.PRIMARY and p.students < 50 and p.name.endswith("教学点")
        for p in points
    )
    assert demo_schools().filter(ownership=School.Ownership.PRIVATE).exists()
    assert School.objects.filter(name="台山市台城街道中心小学", unit__code="440781").exists()


def test_it_creates_and_prints_the_demo_users(seeded):
    expected = {
        "admin": (Role.CITY_ADMIN, None),
        "reviewer": (Role.CITY_REVIEWER, None),
        "assessor": (Role.ASSESSOR, None),
        "editor": (Role.COUNTY_EDITOR, "440781"),
    }
    expected |= {
        editor_username(unit.code): (Role.COUNTY_EDITOR, unit.code) for unit in Unit.objects.all()
    }
    for username, (role, unit_code) in expected.items():
        user = User.objects.get(username=username)
        assert (user.role, user.unit.code if user.unit else None) == (role, unit_code)
        assert user.check_password(DEMO_PASSWORD)
        assert user.last_name and user.first_name
    assert User.objects.get(username="admin").is_staff
    # The command's login table: one row per user.
    for username in expected:
        assert re.search(rf"^{username}\s.*{DEMO_PASSWORD}$", seeded, re.MULTILINE)


def test_the_demo_city_admin_and_reviewer_have_the_published_second_factor(seeded):
    devices = TOTPDevice.objects.filter(confirmed=True).select_related("user")
    assert {device.user.username for device in devices} == {"admin", "reviewer"}
    assert {device.user.role for device in devices} == set(settings.SECOND_FACTOR_ROLES)
    for device in devices:
        assert base64.b32encode(device.bin_key).decode() == DEMO_TOTP_SECRET
    assert DEMO_TOTP_SECRET in seeded
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert DEMO_TOTP_SECRET in readme


def test_it_leaves_past_years_approved_and_the_current_year_in_every_state(seeded):
    for year in YEARS[:-1]:
        statuses = set(
            YearlyReturn.objects.filter(reporting_year__year=year).values_list("status", flat=True)
        )
        assert statuses == {Status.APPROVED}
    current = set(
        YearlyReturn.objects.filter(reporting_year__year=CURRENT_YEAR).values_list(
            "status", flat=True
        )
    )
    assert current == set(Status.values)


def test_submitted_returns_hold_no_error_and_every_warning_explained(seeded):
    for finding in QualityFinding.objects.exclude(
        yearly_return__status__in=[Status.DRAFT, Status.RETURNED]
    ):
        assert finding.severity == Severity.WARNING
        assert QualityExplanation.objects.filter(
            yearly_return=finding.yearly_return, code=finding.code, key=finding.key
        ).exists()


def test_editable_returns_of_the_live_year_show_flaws_to_correct_and_explain(seeded):
    editable = QualityFinding.objects.filter(
        yearly_return__reporting_year__year=CURRENT_YEAR,
        yearly_return__status__in=[Status.DRAFT, Status.RETURNED],
    )
    assert {"T02", "T05", "S02"} <= set(editable.values_list("code", flat=True))
    assert "Data-quality findings in 2025:" in seeded


def test_its_history_was_made_by_the_right_users(seeded):
    events = ReturnEvent.objects.select_related("actor", "yearly_return__unit")
    for event in events.filter(action=Action.SUBMIT):
        assert event.actor.username == editor_username(event.yearly_return.unit.code)
    assert {e.actor.username for e in events.exclude(action=Action.SUBMIT)} == {"reviewer"}
    for returned in YearlyReturn.objects.filter(status=Status.RETURNED):
        last = returned.events.order_by("at", "pk").last()
        assert last.action == Action.SEND_BACK and last.comment


def test_a_second_run_changes_nothing(seeded):
    def counts():
        return [m.objects.count() for m in (School, User, YearlyReturn, ReturnEvent)]

    before = counts()
    statuses = list(YearlyReturn.objects.order_by("pk").values_list("status", flat=True))
    output = seed()
    assert counts() == before
    assert list(YearlyReturn.objects.order_by("pk").values_list("status", flat=True)) == statuses
    assert "skipped" in output


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_on_a_fresh_database():
    def snapshot_of_fresh_seed() -> list[tuple]:
        rows: list[tuple] = []
        # Seed inside a savepoint and roll it back, so the second run starts empty again.
        with pytest.raises(_RolledBack), transaction.atomic():
            seed(seed=7)
            rows += demo_schools().order_by("code").values_list("code", "name", "students")
            rows += ReturnEvent.objects.order_by(
                "yearly_return__reporting_year__year", "yearly_return__unit__code", "pk"
            ).values_list("yearly_return__section", "action", "actor__username", "comment")
            raise _RolledBack
        return rows

    first = snapshot_of_fresh_seed()
    assert not demo_schools().exists()
    assert first and snapshot_of_fresh_seed() == first


@pytest.mark.django_db
def test_different_seeds_give_different_schools():
    load_all()

    def plan(seed: int) -> list[tuple[str, str]]:
        return [(p.code, p.name) for p in plan_schools(random.Random(seed), SCALES["small"])]

    assert plan(1) == plan(1)
    assert plan(1) != plan(2)


@pytest.mark.django_db
def test_the_full_scale_plan_has_about_1200_plausible_schools():
    load_all()
    plans = plan_schools(random.Random(1), SCALES["full"])
    assert 1100 <= len(plans) <= 1300
    assert len({p.code for p in plans}) == len(plans)
    assert len({(p.unit_code, p.name) for p in plans}) == len(plans)
    by_type: dict[str, int] = {}
    for p in plans:
        by_type[p.school_type] = by_type.get(p.school_type, 0) + 1
    assert by_type[School.Type.KINDERGARTEN] > by_type[School.Type.JUNIOR]
    assert by_type[School.Type.PRIMARY] > by_type[School.Type.JUNIOR]
    assert by_type[School.Type.JUNIOR] > by_type[School.Type.SENIOR]
    per_county = {code: sum(p.unit_code == code for p in plans) for code in COUNTY_CODES}
    assert per_county["440703"] > per_county["440704"]
    assert per_county["440781"] > per_county["440785"]


@pytest.mark.parametrize(
    ("number", "text"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")]
)
def test_chinese_ordinal(number, text):
    assert chinese_ordinal(number) == text


class _RolledBack(Exception):
    pass
