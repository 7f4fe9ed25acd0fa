"""Every URL × every role → the status the server must answer (SPEC §7).

A URL that is not listed in EXPECTED fails `test_every_url_is_in_the_matrix`, so nobody can
add a page without saying who may use it. Object URLs point at county A's data: the county-B
editor is the outsider and must get 404 (or 403 where the role alone is refused first).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from seats.models import PlanPeriod
from tests.conftest import client_for

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

# name → (method, kwargs builder, expected status per role)
EXPECTED = {
    "home": ("get", None, ALL_200),
    "login": ("get", None, row(200, 302, 302, 302, 302, 302)),
    "logout": ("post", None, row(302, 302, 302, 302, 302, 302)),
    "set_language": ("post", None, row(302, 302, 302, 302, 302, 302)),
    "return_list": ("get", None, ALL_200),
    "return_detail": ("get", "teachers_return", OWN_COUNTY_ONLY),
    "return_edit": ("get", "teachers_return", row(302, 200, 404, 403, 403, 403)),
    "return_submit": ("post", "teachers_return", row(302, 302, 404, 403, 403, 403)),
    "return_send_back": ("post", "submitted_return", CITY_REVIEW_POST),
    "return_approve": ("post", "submitted_return", CITY_REVIEW_POST),
    "return_reopen": ("post", "approved_return", row(302, 403, 403, 403, 403, 302)),
    "year_list": ("get", None, row(302, 403, 403, 403, 403, 200)),
    "school_list": ("get", None, ALL_200),
    "audit_list": ("get", None, row(302, 403, 403, 200, 403, 200)),
    "seats:quota_table": ("get", None, ALL_200),
    "seats:quota_table_period": ("get", "plan_period", ALL_200),
    "pairing:relationships": ("get", None, ALL_200),
    "assessment:indicator_table": ("get", None, ALL_200),
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
    from tests.imports.conftest import ROSTER_HEADER, roster_row, xlsx

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
def plan_period(db):
    return PlanPeriod.objects.first()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_url_role_matrix(request, name, role, users):
    method, target, expected = EXPECTED[name]
    if isinstance(target, dict):
        kwargs = target
    else:
        kwargs = {"pk": request.getfixturevalue(target).pk} if target else {}
    if target == "plan_period":
        kwargs = {"period_id": kwargs.pop("pk")}
    client = client_for(users.get(role))
    data = {"comment": "理由", "language": "zh-hans", "next": "/"}
    response = getattr(client, method)(
        reverse(name, kwargs=kwargs), data if method == "post" else None
    )
    assert response.status_code == expected[role], (name, role, response.status_code)
    if (
        role == "anonymous"
        and expected[role] == 302
        and name not in {"logout", "set_language", "admin:index"}
    ):
        assert response["Location"].startswith(reverse("login"))
