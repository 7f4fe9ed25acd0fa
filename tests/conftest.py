"""Shared fixtures: reference data in the test database, and one user per role.

`editor` edits county A (台山市); `other_editor` edits county B (开平市) and is the
outsider in every cross-county test.
"""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from jiangmen_edu.models import Role, Unit, User, YearlyReturn
from jiangmen_edu.quality import registry as quality_registry
from jiangmen_edu.reference import load_all
from jiangmen_edu.workflow import reporting_year_open

pytest_plugins = ["tests.browser"]

COUNTY_A = "440781"
COUNTY_B = "440783"
YEAR = 2025
PASSWORD = "test-password"
# City admins and reviewers must have a second factor (settings.SECOND_FACTOR_ROLES): the test
# users of those roles have an authenticator with this key (RFC 6238's test key), and
# client_for() gives them a session that has passed it, as after a real login.
TOTP_KEY = "3132333435363738393031323334353637383930"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_all()


def make_user(username: str, role: str, unit: Unit | None = None) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        unit=unit,
        is_staff=role == Role.CITY_ADMIN,
        last_name="测",
        first_name=username,
    )
    if role in settings.SECOND_FACTOR_ROLES:
        TOTPDevice.objects.create(user=user, name="test", key=TOTP_KEY, confirmed=True)
    return user


@pytest.fixture
def county_a(db) -> Unit:
    return Unit.objects.get(code=COUNTY_A)


@pytest.fixture
def county_b(db) -> Unit:
    return Unit.objects.get(code=COUNTY_B)


@pytest.fixture
def editor(county_a) -> User:
    return make_user("editor_a", Role.COUNTY_EDITOR, county_a)


@pytest.fixture
def other_editor(county_b) -> User:
    return make_user("editor_b", Role.COUNTY_EDITOR, county_b)


@pytest.fixture
def reviewer(db) -> User:
    return make_user("reviewer", Role.CITY_REVIEWER)


@pytest.fixture
def assessor(db) -> User:
    return make_user("assessor", Role.ASSESSOR)


@pytest.fixture
def admin_user(db) -> User:
    return make_user("city_admin", Role.CITY_ADMIN)


@pytest.fixture
def users(editor, other_editor, reviewer, assessor, admin_user) -> dict[str, User]:
    return {
        "editor": editor,
        "other_editor": other_editor,
        "reviewer": reviewer,
        "assessor": assessor,
        "admin": admin_user,
    }


@pytest.fixture
def reporting_year(admin_user):
    return reporting_year_open(year=YEAR, due_date=datetime.date(YEAR + 1, 3, 31), user=admin_user)


@pytest.fixture
def teachers_return(reporting_year, county_a) -> YearlyReturn:
    """County A's teachers return for the open year, in draft."""
    return YearlyReturn.objects.get(
        unit=county_a, reporting_year=reporting_year, section="teachers"
    )


def client_for(user: User | None) -> Client:
    """A client logged in as `user`, past the second factor if the user has one."""
    client = Client()
    if user is not None:
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


# Teachers ledger: one record of each kind in county A, for the URL matrix and the record pages.


@pytest.fixture
def school_a(county_a):
    from tests.teachers.factories import make_school

    return make_school(county_a, "4407818001", "台山市台城第八小学")


@pytest.fixture
def staff_a(county_a):
    from tests.teachers.factories import make_staff

    return make_staff(county_a, "A0001", "李明")


@pytest.fixture
def roster_row_a(teachers_return, staff_a, school_a):
    from tests.teachers.factories import make_roster_row

    return make_roster_row(staff_a, school_a)


@pytest.fixture
def training_a(teachers_return, staff_a):
    from tests.teachers.factories import make_training

    return make_training(staff_a)


@pytest.fixture
def talent_title_a(teachers_return, staff_a):
    from tests.teachers.factories import make_talent_title

    return make_talent_title(staff_a)


@pytest.fixture
def appointment_a(teachers_return, staff_a, school_a):
    from tests.teachers.factories import make_appointment

    return make_appointment(staff_a, school_a)


@pytest.fixture
def principal_semester_a(teachers_return, staff_a):
    from tests.teachers.factories import make_principal_semester

    return make_principal_semester(staff_a)


@pytest.fixture
def researcher_duty_a(teachers_return, staff_a):
    from tests.teachers.factories import make_researcher_duty

    return make_researcher_duty(staff_a)


# Assessment results: 2024 and 2025 published for the 7 counties (tests/assessment/factories.py).


@pytest.fixture
def assessment_results(db):
    from tests.assessment.factories import build_results

    return build_results()


@pytest.fixture
def without_quality_rules(monkeypatch):
    """For tests of the workflow itself: no data-quality finding holds up a submission."""
    monkeypatch.setattr(quality_registry, "_registry", {})
