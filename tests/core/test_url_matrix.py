"""Every URL × every role → the status the server must answer (docs/rules.md#scope).

A URL that is not listed in EXPECTED fails `test_every_url_is_in_the_matrix`, so nobody can
add a page without saying who may use it. Object URLs point at county A's data: the county-B
editor is the outsider and must get 404 (or 403 where the role alone is refused first).
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jiangmen_edu.reference import load_all
from seats.models import PlanPeriod
from tests.browser import log_in
from tests.conftest import PASSWORD, client_for

# Submission here is about the workflow, not the data-quality rules (tests/core/quality).
pytestmark = pytest.mark.usefixtures("without_quality_rules")

ROLES = ("anonymous", "editor", "other_editor", "reviewer", "assessor", "admin")


def row(anonymous, editor, other_editor, reviewer, assessor, admin):
    return dict(
        zip(ROLES, (anonymous, editor, other_editor, reviewer, assessor, admin), strict=True)
    )


ALL_200 = row(302, 200, 200, 200, 200, 200)
OWN_COUNTY_ONLY = row(302, 200, 404, 200, 200, 200)
CITY_REVIEW_POST = row(302, 403, 403, 302, 403, 302)
EDITORS_ONLY = row(302, 200, 200, 403, 403, 403)
OWN_EDITOR_ONLY = row(302, 200, 404, 403, 403, 403)
OWN_EDITOR_POST = row(302, 302, 404, 403, 403, 403)
# Pairing records: both sides of a pairing see them, one side and the city edit them, the
# assessor only reads (pairing/permissions.py).
PAIRING_WRITERS = row(302, 200, 200, 200, 403, 200)
PAIRING_OWN_EDIT = row(302, 200, 404, 200, 403, 200)
PAIRING_OWN_POST = row(302, 302, 404, 302, 403, 302)
PAIRING_SEE_ONLY = row(302, 403, 404, 200, 403, 200)
PAIRING_SEE_POST = row(302, 403, 404, 302, 403, 302)
OWN_A = {"placement", "activity"}
# Assessment results: county editors are sent from the overview to their own scorecard.
CITY_ONLY = row(302, 403, 403, 200, 200, 200)
CITY_OR_OWN_REDIRECT = row(302, 302, 302, 200, 200, 200)
SCORECARD_A = {"year": 2025, "code": "440781"}
# The assessment year's own pages: fixture assessment_open_2025 (open, one draft run).
ADMIN_POST = row(302, 403, 403, 403, 403, 302)
SCORERS_ONLY = row(302, 403, 403, 403, 200, 200)
SCORERS_POST = row(302, 403, 403, 403, 302, 302)
OPEN_2025 = ("assessment_open_2025", {"year": 2025})
OPEN_2025_A = ("assessment_open_2025", SCORECARD_A)

# name → (method, kwargs builder, expected status per role)
EXPECTED = {
    "home": ("get", None, ALL_200),
    "login": ("get", None, row(200, 302, 302, 302, 302, 302)),
    "logout": ("post", None, row(302, 302, 302, 302, 302, 302)),
    "set_language": ("post", None, row(302, 302, 302, 302, 302, 302)),
    # Accounts (tests/core/accounts): the test admin and reviewer have a second factor, so its
    # setup sends them to the status page, and only they have recovery codes to renew; the
    # code page sends a verified user (or one without a second factor) on.
    "password_change": ("get", None, ALL_200),
    "password_change_done": ("get", None, ALL_200),
    "otp_status": ("get", None, ALL_200),
    "otp_setup": ("get", None, row(302, 200, 200, 302, 200, 302)),
    "otp_verify": ("get", None, row(302, 302, 302, 302, 302, 302)),
    "otp_recovery_codes": ("post", None, row(302, 302, 302, 200, 302, 200)),
    "otp_disable": ("post", None, row(302, 302, 302, 302, 302, 302)),
    "login_failures": ("get", None, row(302, 403, 403, 403, 403, 200)),
    "login_unlock": ("post", None, row(302, 403, 403, 403, 403, 302)),
    "return_list": ("get", None, ALL_200),
    "return_detail": ("get", "teachers_return", OWN_COUNTY_ONLY),
    "return_edit": ("get", "teachers_return", row(302, 200, 404, 403, 403, 403)),
    "return_explain": ("post", "teachers_return", OWN_EDITOR_POST),
    "return_submit": ("post", "teachers_return", row(302, 302, 404, 403, 403, 403)),
    "return_send_back": ("post", "submitted_return", CITY_REVIEW_POST),
    "return_approve": ("post", "submitted_return", CITY_REVIEW_POST),
    "return_reopen": ("post", "approved_return", row(302, 403, 403, 403, 403, 302)),
    "year_list": ("get", None, row(302, 403, 403, 403, 403, 200)),
    "school_list": ("get", None, ALL_200),
    "audit_list": ("get", None, row(302, 403, 403, 200, 403, 200)),
    "seats:quota_table": ("get", None, ALL_200),
    "seats:quota_table_period": ("get", "plan_period", ALL_200),
    "seats:period_add": ("get", None, row(302, 403, 403, 403, 403, 200)),
    "seats:period_edit": ("get", "seat_period", row(302, 403, 403, 403, 403, 200)),
    "seats:quota_import": ("get", "seat_period", row(302, 403, 403, 403, 403, 200)),
    "seats:quota_template": ("get", "seat_period", row(302, 403, 403, 403, 403, 200)),
    "seats:board": ("get", None, ALL_200),
    "seats:board_export": ("get", None, ALL_200),
    "seats:unit_progress": ("get", {"code": "440781"}, OWN_COUNTY_ONLY),
    "seats:plan_edit": ("get", None, EDITORS_ONLY),
    "seats:project_list": ("get", None, ALL_200),
    "seats:project_export": ("get", None, ALL_200),
    "seats:project_add": ("get", None, EDITORS_ONLY),
    "seats:project_detail": ("get", "seat_project_a", OWN_COUNTY_ONLY),
    "seats:project_edit": ("get", "seat_project_a", OWN_EDITOR_ONLY),
    "seats:project_delete": ("post", "seat_project_a", OWN_EDITOR_POST),
    "seats:project_year": ("get", "seat_project_a", OWN_EDITOR_ONLY),
    "seats:evidence_upload": ("post", "seat_project_a", OWN_EDITOR_POST),
    "seats:project_year_delete": ("post", "seat_project_year_a", OWN_EDITOR_POST),
    "seats:evidence_download": ("get", "seat_evidence_a", OWN_COUNTY_ONLY),
    "seats:evidence_delete": ("post", "seat_evidence_a", OWN_EDITOR_POST),
    "seats:enrolment_list": ("get", None, ALL_200),
    "seats:enrolment_export": ("get", None, ALL_200),
    "seats:enrolment_edit": ("get", None, EDITORS_ONLY),
    "seats:coverage": ("get", None, ALL_200),
    "seats:coverage_unit": ("get", {"code": "440781"}, OWN_COUNTY_ONLY),
    "seats:boarding_add": ("post", None, row(302, 302, 302, 403, 403, 403)),
    "seats:boarding_remove": ("post", "seat_boarding_a", OWN_EDITOR_POST),
    "pairing:relationships": ("get", None, ALL_200),
    "pairing:compliance": ("get", None, ALL_200),
    "pairing:overview": ("get", None, row(302, 403, 403, 200, 200, 200)),
    # 新会团 helps county A (台山); county B (开平) has no part in it.
    "pairing:group_dashboard": ("get", "pairing_group_a", OWN_COUNTY_ONLY),
    "pairing:funding": ("get", None, ALL_200),
    "pairing:funding_export": ("get", None, ALL_200),
    **{
        f"pairing:{slug}_{action}": entry
        for slug, record in (
            ("placement", "pairing_shadowing_a"),
            ("activity", "pairing_activity_a"),
            ("team", "pairing_team_a"),
            ("school_link", "pairing_link_a"),
        )
        for action, entry in (
            ("list", ("get", None, ALL_200)),
            ("export", ("get", None, ALL_200)),
            ("add", ("get", None, PAIRING_WRITERS)),
            # County A sees 新会's teams and school links but edits neither: 403, not 404.
            ("edit", ("get", record, PAIRING_OWN_EDIT if slug in OWN_A else PAIRING_SEE_ONLY)),
            ("delete", ("post", record, PAIRING_OWN_POST if slug in OWN_A else PAIRING_SEE_POST)),
        )
        if not (slug == "school_link" and action == "edit")
    },
    "assessment:indicator_table": ("get", None, ALL_200),
    # Results: fixture assessment_results (2024, 2025 published); the scorecard is county A's.
    "assessment:results": ("get", ("assessment_results", {}), row(302, 302, 302, 302, 302, 302)),
    "assessment:overview": ("get", ("assessment_results", {"year": 2025}), CITY_OR_OWN_REDIRECT),
    "assessment:scorecard": ("get", ("assessment_results", SCORECARD_A), OWN_COUNTY_ONLY),
    "assessment:county_pdf": ("get", ("assessment_results", SCORECARD_A), OWN_COUNTY_ONLY),
    "assessment:city_pdf": ("get", ("assessment_results", {"year": 2025}), CITY_ONLY),
    "assessment:overview_xlsx": ("get", ("assessment_results", {"year": 2025}), CITY_ONLY),
    "assessment:years": ("get", None, ALL_200),
    "assessment:year_open": ("post", None, ADMIN_POST),
    "assessment:runs": ("get", OPEN_2025, CITY_ONLY),
    "assessment:run_compute": ("post", OPEN_2025, ADMIN_POST),
    "assessment:run_publish": (
        "post",
        ("assessment_open_2025", {"year": 2025, "number": 1}),
        ADMIN_POST,
    ),
    "assessment:workbench": ("get", OPEN_2025, SCORERS_ONLY),
    "assessment:workbench_score": (
        "get",
        ("assessment_open_2025", {**SCORECARD_A, "item": "2.3a"}),
        SCORERS_ONLY,
    ),
    "assessment:responses": ("get", OPEN_2025, CITY_ONLY),
    "assessment:response_answer": ("post", "assessment_response_a", SCORERS_POST),
    # The materials forms re-render (200) with the errors of the dummy data; a blank survey
    # is valid (no group surveyed).
    "assessment:county_inputs": ("get", OPEN_2025_A, OWN_COUNTY_ONLY),
    "assessment:centre_save": ("post", OPEN_2025_A, OWN_EDITOR_ONLY),
    "assessment:preschool_save": ("post", OPEN_2025_A, OWN_EDITOR_ONLY),
    "assessment:survey_save": ("post", OPEN_2025_A, OWN_EDITOR_POST),
    "assessment:evidence_upload": ("post", OPEN_2025_A, OWN_EDITOR_ONLY),
    "assessment:draft_card": ("get", OPEN_2025_A, OWN_COUNTY_ONLY),
    "assessment:response_create": ("post", OPEN_2025_A, OWN_EDITOR_POST),
    "assessment:evidence_download": ("get", "assessment_evidence_a", OWN_COUNTY_ONLY),
    "assessment:evidence_delete": ("post", "assessment_evidence_a", OWN_EDITOR_POST),
    "admin:index": ("get", None, row(302, 302, 302, 302, 302, 200)),
    "imports:index": ("get", None, EDITORS_ONLY),
    "imports:template": ("get", {"slug": "roster"}, EDITORS_ONLY),
    "imports:upload": ("get", {"slug": "roster"}, EDITORS_ONLY),
    "imports:preview": ("get", "roster_batch", OWN_EDITOR_ONLY),
    "imports:rejected": ("get", "roster_batch", OWN_EDITOR_ONLY),
    "imports:commit": ("post", "roster_batch", row(302, 302, 404, 403, 403, 403)),
    "imports:discard": ("post", "roster_batch", row(302, 302, 404, 403, 403, 403)),
    "teachers:roster_list": ("get", None, ALL_200),
    "teachers:roster_export": ("get", None, ALL_200),
    "teachers:roster_add": ("get", None, EDITORS_ONLY),
    "teachers:roster_edit": ("get", "roster_row_a", OWN_EDITOR_ONLY),
    "teachers:roster_delete": ("post", "roster_row_a", OWN_EDITOR_POST),
    "teachers:training_list": ("get", None, ALL_200),
    "teachers:training_export": ("get", None, ALL_200),
    "teachers:training_add": ("get", None, EDITORS_ONLY),
    "teachers:training_edit": ("get", "training_a", OWN_EDITOR_ONLY),
    "teachers:training_delete": ("post", "training_a", OWN_EDITOR_POST),
    "teachers:talent_list": ("get", None, ALL_200),
    "teachers:talent_export": ("get", None, ALL_200),
    "teachers:talent_add": ("get", None, EDITORS_ONLY),
    "teachers:talent_edit": ("get", "talent_title_a", OWN_EDITOR_ONLY),
    "teachers:talent_delete": ("post", "talent_title_a", OWN_EDITOR_POST),
    "teachers:appointment_list": ("get", None, ALL_200),
    "teachers:appointment_export": ("get", None, ALL_200),
    "teachers:appointment_add": ("get", None, EDITORS_ONLY),
    "teachers:appointment_edit": ("get", "appointment_a", OWN_EDITOR_ONLY),
    "teachers:appointment_delete": ("post", "appointment_a", OWN_EDITOR_POST),
    "teachers:semester_list": ("get", None, ALL_200),
    "teachers:semester_export": ("get", None, ALL_200),
    "teachers:semester_add": ("get", None, EDITORS_ONLY),
    "teachers:semester_edit": ("get", "principal_semester_a", OWN_EDITOR_ONLY),
    "teachers:semester_delete": ("post", "principal_semester_a", OWN_EDITOR_POST),
    "teachers:researcher_duty_list": ("get", None, ALL_200),
    "teachers:researcher_duty_export": ("get", None, ALL_200),
    "teachers:researcher_duty_add": ("get", None, EDITORS_ONLY),
    "teachers:researcher_duty_edit": ("get", "researcher_duty_a", OWN_EDITOR_ONLY),
    "teachers:researcher_duty_delete": ("post", "researcher_duty_a", OWN_EDITOR_POST),
    # The county's statement of no researchers: each editor states for their own county.
    "teachers:no_researchers_state": ("post", None, row(302, 302, 302, 403, 403, 403)),
    "teachers:no_researchers_clear": ("post", "no_researchers_a", OWN_EDITOR_POST),
    # Dashboards: every role; a county editor sees their own unit (another's code is a 404,
    # tests/teachers/dashboard).
    "teachers:dashboard": ("get", None, ALL_200),
    "teachers:drilldown": ("get", {"figure": "training_behind"}, ALL_200),
    # Data quality (tests/core/quality/test_pages.py): county A's findings of a throw-away rule.
    "quality_overview": ("get", ("reporting_year", {}), ALL_200),
    "quality_findings": (
        "get",
        ("quality_rule", {"unit_code": "440781", "code": "Z01"}),
        OWN_COUNTY_ONLY,
    ),
    "quality_export": ("get", ("reporting_year", {}), ALL_200),
    "quality_rules": ("get", ("reporting_year", {}), ALL_200),
    "quality_refresh": ("post", ("quality_rule", {}), CITY_REVIEW_POST),
}

# Django's admin guards its own pages with JiangmenAdminSite.has_permission (city admins
# only); its index stands for all of them in the matrix, and test_admin_is_city_admin_only.
DELEGATED_NAMESPACES = {"admin"}


def iter_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from iter_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", pattern.callback


def test_every_url_is_in_the_matrix():
    missing = []
    for name, callback in iter_url_names():
        if name.split(":")[0] in DELEGATED_NAMESPACES:
            continue
        if name not in EXPECTED:
            missing.append(name)
        assert hasattr(callback, "allowed_roles"), f"{name} does not declare who may use it"
    assert not missing, f"URLs without an entry in the permission matrix: {missing}"


def test_admin_is_city_admin_only(users):
    for role, user in users.items():
        response = client_for(user).get(reverse("admin:core_user_changelist"))
        assert response.status_code == (200 if role == "admin" else 302), role


@pytest.fixture
def submitted_return(teachers_return, editor):
    from jiangmen_edu.workflow import return_transition

    return return_transition(yearly_return=teachers_return, user=editor, action="submit")


@pytest.fixture
def approved_return(submitted_return, reviewer):
    from jiangmen_edu.workflow import return_transition

    return return_transition(yearly_return=submitted_return, user=reviewer, action="approve")


@pytest.fixture
def roster_batch(reporting_year, editor):
    from jiangmen_edu.imports import datasets
    from jiangmen_edu.imports.services import import_preview
    from jiangmen_edu.models import School
    from tests.core.factories import ROSTER_HEADER, roster_row, xlsx

    School.objects.create(
        code="4407819001",
        name="台山市台城第一小学",
        unit=editor.unit,
        school_type="primary",
        ownership="public",
    )
    return import_preview(
        dataset=datasets.get("roster"),
        unit=editor.unit,
        year=2025,
        file=xlsx([ROSTER_HEADER, roster_row()]),
        filename="r.xlsx",
        user=editor,
    )


@pytest.fixture
def no_researchers_a(teachers_return, editor):
    from teachers.services import no_researchers_state

    return no_researchers_state(user=editor, year=2025)


@pytest.fixture
def plan_period(db):
    return PlanPeriod.objects.first()


# Seat tracker: county A's records (tests/seats/factories.py); county B's editor must get 404.


@pytest.fixture
def seat_period(plan_period):
    return plan_period


@pytest.fixture
def seat_project_a(reporting_year, county_a):
    from tests.seats.factories import make_project

    return make_project(county_a, "M001", deliveries={2025: 100})


@pytest.fixture
def seat_project_year_a(seat_project_a):
    return seat_project_a.years.get()


@pytest.fixture
def seat_evidence_a(seat_project_a, settings, tmp_path):
    from tests.seats.factories import make_evidence

    settings.MEDIA_ROOT = tmp_path / "media"

    return make_evidence(seat_project_a)


@pytest.fixture
def seat_boarding_a(reporting_year, county_a):
    from tests.seats.factories import make_boarding_school

    return make_boarding_school(county_a)


# Pairing ledger: a 新会 → 台山 pairing; county A (台山) edits its shadowing teacher and that
# teacher's activity lines, and sees 新会's team and school link.


@pytest.fixture
def pairing_group_a(db):
    from tests.pairing.factories import TAISHAN, group_for

    return group_for(TAISHAN)


@pytest.fixture
def pairing_shadowing_a(reporting_year):
    import datetime

    from tests.pairing import factories as f

    return f.make_placement(
        "shadowing",
        f.make_school("4407819101", "台山市都斛镇中心小学", f.TAISHAN, central=True),
        f.make_school("4407059001", "新会区会城第一小学", f.XINHUI),
        datetime.date(2025, 2, 1),
        datetime.date(2025, 12, 31),
    )


@pytest.fixture
def pairing_activity_a(pairing_shadowing_a):
    import datetime

    from tests.pairing.factories import make_activity

    return make_activity("reflection", datetime.date(2025, 6, 30), placement=pairing_shadowing_a)


@pytest.fixture
def pairing_team_a(reporting_year):
    from tests.pairing import factories as f

    school = f.make_school("4407819101", "台山市都斛镇中心小学", f.TAISHAN, central=True)
    return f.make_team(f.TAISHAN, f.XINHUI, [school])


@pytest.fixture
def pairing_link_a(reporting_year):
    from tests.pairing import factories as f

    return f.make_link(
        f.make_cycles()[1],
        f.make_school("4407059001", "新会区会城第一小学", f.XINHUI),
        f.make_school("4407819101", "台山市都斛镇中心小学", f.TAISHAN, central=True),
    )


@pytest.fixture
def assessment_open_2025(reporting_year, admin_user, settings, tmp_path):
    """The open assessment of 2025 with one draft run; evidence goes to a temporary folder."""
    from assessment.services import assessment_open, run_compute

    settings.MEDIA_ROOT = tmp_path
    assessment = assessment_open(year=2025, user=admin_user)
    run_compute(assessment=assessment, user=admin_user)
    return assessment


@pytest.fixture
def assessment_evidence_a(assessment_open_2025, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessment.evidence import evidence_add

    file = SimpleUploadedFile("报告.pdf", b"%PDF-1.4\n%%EOF\n")
    return evidence_add(unit=editor.unit, year=2025, code="1", file=file, user=editor)


@pytest.fixture
def assessment_response_a(assessment_open_2025, editor):
    from assessment.responses import response_add

    return response_add(
        assessment=assessment_open_2025,
        unit=editor.unit,
        code="2.1",
        stance="contest",
        comment="数据有误",
        user=editor,
    )


@pytest.fixture
def quality_rule(reporting_year):
    """A rule that flags nothing, registered for the test only (the registry is emptied)."""
    from tests.core.factories import declare_rule

    declare_rule("Z01", lambda context: [])


WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def writes(queries: CaptureQueriesContext) -> list[str]:
    """The statements among `queries` that change the database."""
    return [query["sql"] for query in queries.captured_queries if WRITE.match(query["sql"])]


def url_of(request, name: str) -> str:
    """The URL of `name` in the matrix, building the data it points at."""
    _method, target, _expected = EXPECTED[name]
    if isinstance(target, tuple):  # (fixture that builds the data, URL kwargs)
        request.getfixturevalue(target[0])
        kwargs = dict(target[1])
    elif isinstance(target, dict):
        kwargs = target
    else:
        kwargs = {"pk": request.getfixturevalue(target).pk} if target else {}
    if target == "plan_period":
        kwargs = {"period_id": kwargs.pop("pk")}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_url_role_matrix(request, name, role, users):
    method, _target, expected = EXPECTED[name]
    url = url_of(request, name)
    client = client_for(users.get(role))
    data = {"comment": "理由", "language": "zh-hans", "next": "/"}
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data if method == "post" else None)
    if method == "get":
        # Reading a page never writes (docs/quality.md#when-the-rules-run).
        assert writes(queries) == [], (name, role)
    assert response.status_code == expected[role], (name, role, response.status_code)
    # Every answer (page, redirect, refusal, download) carries the policy (tests/core/test_csp.py).
    assert "default-src 'self'" in response.get("Content-Security-Policy", ""), (name, role)
    if (
        role == "anonymous"
        and expected[role] == 302
        and name not in {"logout", "set_language", "admin:index"}
    ):
        assert response["Location"].startswith(reverse("login"))


def _published(name: str) -> bool:
    """Pages of the published results; their fixture and the open year's exclude each other."""
    target = EXPECTED[name][1]
    return isinstance(target, tuple) and target[0] == "assessment_results"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("published", [False, True], ids=["pages", "published_results"])
@pytest.mark.parametrize("role", ["editor", "admin"])
def test_every_page_keeps_the_content_security_policy(request, open_page, role, published):
    """Every HTML page of the matrix the role may open, in Chromium: the `open_page` fixture
    fails the test on any Content-Security-Policy violation (docs/deployment.md#csp)."""
    load_all()  # a transactional test starts from an empty database
    user = request.getfixturevalue("users")[role]
    page = open_page()
    log_in(page, user.username, PASSWORD)
    shown = []
    for name in sorted(EXPECTED):
        method, _target, expected = EXPECTED[name]
        if method != "get" or expected[role] != 200 or _published(name) != published:
            continue
        url = url_of(request, name)
        if page.request.get(url).headers.get("content-type", "").startswith("text/html"):
            page.goto(url)
            shown.append(name)
    assert len(shown) >= (1 if published else 40), shown
