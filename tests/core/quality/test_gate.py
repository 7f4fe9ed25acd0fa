"""The data-quality framework: stored findings, explanations, the submission gate,
the city's settings, reruns after writes, and the return page."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from jiangmen_edu.models import (
    QualityExplanation,
    QualityFinding,
    QualityRuleSetting,
    Role,
    Section,
    Severity,
    YearlyReturn,
)
from jiangmen_edu.quality import editing, registry, services
from jiangmen_edu.quality.registry import Hit
from jiangmen_edu.reference import load_all
from jiangmen_edu.workflow import (
    ReturnLocked,
    WorkflowError,
    ensure_editable,
    return_transition,
    return_update_details,
)
from tests.conftest import COUNTY_A, YEAR, client_for, make_user
from tests.core.factories import declare_rule

Status = YearlyReturn.Status


@pytest.fixture
def data(monkeypatch):
    """Two rules on the teachers section whose findings the test sets: records per county."""
    monkeypatch.setattr(registry, "_registry", {})
    found = {"errors": [], "warnings": [], "thresholds": []}

    def broken(context):
        return [Hit(key=k, label=k) for unit, k in found["errors"] if unit == context.unit.code]

    def odd(context):
        found["thresholds"].append(context.threshold)
        return [
            Hit(key=k, label=k, params={"hours": "250"}, url="/teachers/")
            for unit, k in found["warnings"]
            if unit == context.unit.code
        ]

    declare_rule(
        "X01",
        broken,
        severity=Severity.ERROR,
        title="Broken record",
        message="%(label)s is broken",
    )
    declare_rule(
        "X02",
        odd,
        title="Odd record",
        message="%(label)s has %(hours)s hours, more than %(threshold)s",
        default_threshold="200",
    )
    return found


def refresh(yearly_return):
    return services.findings_refresh(unit=yearly_return.unit, year=YEAR)


def submit(yearly_return, editor):
    return return_transition(yearly_return=yearly_return, user=editor, action="submit")


def test_a_run_keeps_the_findings_and_the_message_reads_the_figures(data, teachers_return):
    data["warnings"].append((COUNTY_A, "staff:1"))
    data["errors"].append(("440783", "staff:2"))

    refresh(teachers_return)

    (row,) = services.rows_for(teachers_return)
    assert (row.finding.code, row.finding.severity) == ("X02", Severity.WARNING)
    assert row.message == "staff:1 has 250 hours, more than 200"
    assert row.finding.url == "/teachers/"


def test_a_rerun_replaces_the_findings_and_keeps_explanations(data, teachers_return, editor):
    data["warnings"] += [(COUNTY_A, "staff:1"), (COUNTY_A, "staff:2")]
    refresh(teachers_return)
    editing.explanation_save(
        user=editor, yearly_return=teachers_return, code="X02", key="staff:1", text="进修学分"
    )
    data["warnings"].remove((COUNTY_A, "staff:2"))

    new = refresh(teachers_return)

    assert new == []
    rows = services.rows_for(teachers_return)
    assert [(r.finding.key, r.explanation.text) for r in rows] == [("staff:1", "进修学分")]


def test_a_run_reports_only_findings_that_are_new(data, teachers_return):
    data["warnings"].append((COUNTY_A, "staff:1"))
    refresh(teachers_return)
    data["errors"].append((COUNTY_A, "staff:9"))

    assert [f.key for f in refresh(teachers_return)] == ["staff:9"]


def test_an_error_blocks_submission_and_changes_nothing(data, teachers_return, editor):
    data["errors"].append((COUNTY_A, "staff:1"))

    with pytest.raises(WorkflowError, match="1"):
        submit(teachers_return, editor)

    teachers_return.refresh_from_db()
    assert teachers_return.status == Status.DRAFT
    assert not teachers_return.events.exists()


def test_an_error_cannot_be_explained_away(data, teachers_return, editor):
    data["errors"].append((COUNTY_A, "staff:1"))
    refresh(teachers_return)

    with pytest.raises(WorkflowError):
        editing.explanation_save(
            user=editor, yearly_return=teachers_return, code="X01", key="staff:1", text="x"
        )
    assert not QualityExplanation.objects.exists()


def test_a_warning_blocks_submission_until_it_is_explained(data, teachers_return, editor):
    data["warnings"].append((COUNTY_A, "staff:1"))
    with pytest.raises(WorkflowError):
        submit(teachers_return, editor)

    refresh(teachers_return)
    editing.explanation_save(
        user=editor, yearly_return=teachers_return, code="X02", key="staff:1", text="双岗培训"
    )

    assert submit(teachers_return, editor).status == Status.SUBMITTED


def test_fixing_the_data_lets_the_return_through(data, teachers_return, editor):
    data["errors"].append((COUNTY_A, "staff:1"))
    with pytest.raises(WorkflowError):
        submit(teachers_return, editor)

    data["errors"].clear()

    assert submit(teachers_return, editor).status == Status.SUBMITTED


def test_submission_runs_the_rules_on_the_data_as_it_is_then(data, teachers_return, editor):
    refresh(teachers_return)
    data["errors"].append((COUNTY_A, "staff:1"))

    with pytest.raises(WorkflowError):
        submit(teachers_return, editor)


def test_an_empty_explanation_withdraws_it(data, teachers_return, editor):
    data["warnings"].append((COUNTY_A, "staff:1"))
    refresh(teachers_return)
    editing.explanation_save(
        user=editor, yearly_return=teachers_return, code="X02", key="staff:1", text="a"
    )

    editing.explanation_save(
        user=editor, yearly_return=teachers_return, code="X02", key="staff:1", text=" "
    )

    assert not QualityExplanation.objects.exists()
    with pytest.raises(WorkflowError):
        submit(teachers_return, editor)


def test_a_finding_that_is_gone_cannot_be_explained(data, teachers_return, editor):
    with pytest.raises(WorkflowError):
        editing.explanation_save(
            user=editor, yearly_return=teachers_return, code="X02", key="staff:1", text="a"
        )


def test_another_county_cannot_explain(data, teachers_return, other_editor):
    data["warnings"].append((COUNTY_A, "staff:1"))
    refresh(teachers_return)

    with pytest.raises(PermissionDenied):
        editing.explanation_save(
            user=other_editor, yearly_return=teachers_return, code="X02", key="staff:1", text="a"
        )
    response = client_for(other_editor).post(
        reverse("return_explain", args=[teachers_return.pk]),
        {"code": "X02", "key": "staff:1", "text": "a"},
    )
    assert response.status_code == 404
    assert not QualityExplanation.objects.exists()


def test_a_submitted_return_takes_no_explanation(data, teachers_return, editor):
    data["warnings"].append((COUNTY_A, "staff:1"))
    refresh(teachers_return)
    editing.explanation_save(
        user=editor, yearly_return=teachers_return, code="X02", key="staff:1", text="a"
    )
    submit(teachers_return, editor)

    with pytest.raises(ReturnLocked):
        editing.explanation_save(
            user=editor, yearly_return=teachers_return, code="X02", key="staff:1", text="b"
        )
    assert QualityExplanation.objects.get().text == "a"


def test_a_rule_switched_off_for_the_year_finds_nothing(data, teachers_return, reporting_year):
    data["errors"].append((COUNTY_A, "staff:1"))
    QualityRuleSetting.objects.create(reporting_year=reporting_year, code="X01", enabled=False)

    refresh(teachers_return)

    assert not QualityFinding.objects.exists()


def test_the_city_threshold_reaches_the_rule_and_the_message(
    data, teachers_return, reporting_year, admin_user
):
    data["warnings"].append((COUNTY_A, "staff:1"))
    editing.setting_save(
        user=admin_user,
        reporting_year=reporting_year,
        code="X02",
        enabled=True,
        threshold=Decimal("240.50"),
    )

    refresh(teachers_return)

    assert data["thresholds"][-1] == Decimal("240.50")
    assert services.rows_for(teachers_return)[0].message.endswith("more than 240.5")


def test_settings_are_the_city_admins_and_audited(data, reporting_year, admin_user, reviewer):
    with pytest.raises(PermissionDenied):
        editing.setting_save(
            user=reviewer, reporting_year=reporting_year, code="X01", enabled=False, threshold=None
        )
    with pytest.raises(WorkflowError):
        editing.setting_save(
            user=admin_user,
            reporting_year=reporting_year,
            code="X02",
            enabled=True,
            threshold=Decimal("-1"),
        )
    assert not QualityRuleSetting.objects.exists()

    setting = editing.setting_save(
        user=admin_user, reporting_year=reporting_year, code="X01", enabled=False, threshold=None
    )

    assert LogEntry.objects.get_for_object(setting).count() == 1


def test_a_committed_write_reruns_the_rules_once(
    data, teachers_return, editor, django_capture_on_commit_callbacks
):
    data["warnings"].append((COUNTY_A, "staff:1"))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            ensure_editable(unit=teachers_return.unit, year=YEAR, section=Section.TEACHERS)
            ensure_editable(unit=teachers_return.unit, year=YEAR, section=Section.SEATS)

    assert len(callbacks) == 1
    assert QualityFinding.objects.filter(yearly_return=teachers_return).count() == 1


def test_a_rolled_back_write_runs_nothing(
    data, teachers_return, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            ensure_editable(unit=teachers_return.unit, year=YEAR, section=Section.TEACHERS)
            raise RuntimeError

    assert callbacks == []


@pytest.fixture
def reference_data(transactional_db):
    load_all()


@pytest.mark.django_db(transaction=True)
def test_after_a_save_the_user_is_told_what_is_new(reference_data, data, teachers_return, editor):
    # Transactional: the rules run when the service's write commits, inside the request.
    data["warnings"].append((COUNTY_A, "staff:1"))

    response = client_for(editor).post(
        reverse("return_edit", args=[teachers_return.pk]),
        {"contact_name": "李", "contact_phone": "1", "notes": ""},
        follow=True,
    )

    notice = [str(m) for m in response.context["messages"] if "#quality" in str(m)]
    assert len(notice) == 1
    assert "1" in notice[0]


class TestReturnPage:
    def test_the_county_sees_its_findings_and_can_explain(self, data, teachers_return, editor):
        data["errors"].append((COUNTY_A, "staff:1"))
        data["warnings"].append((COUNTY_A, "staff:2"))
        refresh(teachers_return)

        page = client_for(editor).get(reverse("return_detail", args=[teachers_return.pk]))

        html = page.content.decode()
        assert html.count('data-testid="finding"') == 2
        assert html.count('data-testid="explain-form"') == 1
        assert 'data-testid="submit-blocked"' in html

    def test_an_explanation_posted_from_the_page(self, data, teachers_return, editor):
        data["warnings"].append((COUNTY_A, "staff:2"))
        refresh(teachers_return)
        client = client_for(editor)

        response = client.post(
            reverse("return_explain", args=[teachers_return.pk]),
            {"code": "X02", "key": "staff:2", "text": "外出进修，学时属实"},
        )

        assert response.status_code == 302
        assert response.url.endswith("#quality")
        page = client.get(reverse("return_detail", args=[teachers_return.pk]))
        assert 'data-testid="submit-blocked"' not in page.content.decode()

    def test_the_page_saves_every_explanation_at_once(self, data, teachers_return, editor):
        data["warnings"] += [(COUNTY_A, "staff:2"), (COUNTY_A, "staff:3")]
        refresh(teachers_return)
        client = client_for(editor)
        html = client.get(reverse("return_detail", args=[teachers_return.pk])).content.decode()
        assert html.count('data-testid="explanation-text"') == 2

        client.post(
            reverse("return_explain", args=[teachers_return.pk]),
            {"code": ["X02", "X02"], "key": ["staff:2", "staff:3"], "text": ["甲", "乙"]},
        )

        texts = dict(QualityExplanation.objects.values_list("key", "text"))
        assert texts == {"staff:2": "甲", "staff:3": "乙"}

    def test_one_bad_explanation_saves_none(self, data, teachers_return, editor):
        data["warnings"].append((COUNTY_A, "staff:2"))
        refresh(teachers_return)
        client = client_for(editor)

        response = client.post(
            reverse("return_explain", args=[teachers_return.pk]),
            {"code": ["X02", "X02"], "key": ["staff:2", "staff:gone"], "text": ["甲", "乙"]},
            follow=True,
        )

        assert not QualityExplanation.objects.exists()
        assert "该问题已不存在" in response.content.decode()

    def test_mismatched_lists_are_refused(self, data, teachers_return, editor):
        data["warnings"].append((COUNTY_A, "staff:2"))
        refresh(teachers_return)
        client = client_for(editor)

        client.post(
            reverse("return_explain", args=[teachers_return.pk]),
            {"code": ["X02"], "key": ["staff:2"], "text": ["甲", "乙"]},
        )

        assert not QualityExplanation.objects.exists()

    def test_saving_unchanged_text_keeps_its_author(self, data, teachers_return, editor):
        data["warnings"].append((COUNTY_A, "staff:2"))
        refresh(teachers_return)
        editing.explanation_save(
            user=editor, yearly_return=teachers_return, code="X02", key="staff:2", text="甲"
        )
        colleague = make_user("editor_a2", Role.COUNTY_EDITOR, teachers_return.unit)

        editing.explanation_save(
            user=colleague, yearly_return=teachers_return, code="X02", key="staff:2", text="甲 "
        )

        assert QualityExplanation.objects.get().author == editor

    def test_the_reviewer_reads_the_explanation(self, data, teachers_return, editor, reviewer):
        data["warnings"].append((COUNTY_A, "staff:2"))
        refresh(teachers_return)
        editing.explanation_save(
            user=editor, yearly_return=teachers_return, code="X02", key="staff:2", text="属实"
        )
        submit(teachers_return, editor)

        page = client_for(reviewer).get(reverse("return_detail", args=[teachers_return.pk]))

        html = page.content.decode()
        assert 'data-testid="explanation">属实' in html
        assert 'data-testid="explain-form"' not in html

    def test_another_county_sees_nothing(self, data, teachers_return, other_editor):
        data["warnings"].append((COUNTY_A, "staff:2"))

        page = client_for(other_editor).get(reverse("return_detail", args=[teachers_return.pk]))

        assert page.status_code == 404


def test_the_header_edit_runs_the_rules_after_commit(
    data, teachers_return, editor, django_capture_on_commit_callbacks
):
    data["errors"].append((COUNTY_A, "staff:1"))

    with django_capture_on_commit_callbacks(execute=True):
        return_update_details(
            yearly_return=teachers_return,
            user=editor,
            contact_name="李",
            contact_phone="",
            notes="",
        )

    assert QualityFinding.objects.get().key == "staff:1"


def test_the_return_list_counts_each_returns_findings(data, teachers_return, editor, reviewer):
    data["errors"].append((COUNTY_A, "staff:1"))
    data["warnings"] += [(COUNTY_A, "staff:2"), (COUNTY_A, "staff:3")]
    refresh(teachers_return)

    for user in (editor, reviewer):
        page = client_for(user).get(reverse("return_list"), {"year": YEAR, "section": "teachers"})
        html = page.content.decode()
        assert "1 个错误" in html and "2 个警告" in html


def test_the_county_home_page_counts_what_blocks_each_due_return(data, teachers_return, editor):
    data["errors"].append((COUNTY_A, "staff:1"))
    refresh(teachers_return)

    html = client_for(editor).get(reverse("home")).content.decode()

    due = html[html.index('data-testid="due"') :]
    assert "1 个错误" in due[: due.index("</section>")]


def test_labels_are_kept_in_the_records_language_whoever_runs_the_rules(
    monkeypatch, teachers_return
):
    monkeypatch.setattr(registry, "_registry", {})
    declare_rule(
        "X03", lambda context: [Hit(key="a", label=str(gettext_lazy("Teachers")))], title="Labelled"
    )

    with translation.override("en"):
        refresh(teachers_return)

    assert QualityFinding.objects.get().label == "教师队伍"


# Reading a page never writes (docs/quality.md#when-the-rules-run): the rules ran after the
# writes; what the city changes reruns them when it commits.

WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.mark.parametrize(
    "role, status",
    [("editor", 200), ("reviewer", 200), ("assessor", 200), ("admin", 200), ("other_editor", 404)],
)
def test_reading_the_return_page_writes_nothing(data, teachers_return, users, role, status):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data["warnings"].append((COUNTY_A, "staff:1"))
    refresh(teachers_return)
    data["errors"].append((COUNTY_A, "staff:9"))  # changed since: a rerun would store it
    teachers_return.refresh_from_db()
    checked_at = teachers_return.quality_checked_at
    client = client_for(users[role])

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("return_detail", args=[teachers_return.pk]))

    assert page.status_code == status
    sql = [q["sql"] for q in queries.captured_queries]
    assert [q for q in sql if q.lstrip().upper().startswith(WRITE_STATEMENTS)] == []
    teachers_return.refresh_from_db()
    assert teachers_return.quality_checked_at == checked_at
    assert list(QualityFinding.objects.values_list("key", flat=True)) == ["staff:1"]


def test_the_page_says_when_the_rules_last_ran(data, teachers_return, editor):
    from django.utils import timezone

    client = client_for(editor)
    url = reverse("return_detail", args=[teachers_return.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="quality-not-run"' in html and 'data-testid="quality-clean"' not in html

    refresh(teachers_return)

    teachers_return.refresh_from_db()
    html = client.get(url).content.decode()
    shown = timezone.localtime(teachers_return.quality_checked_at).strftime("%Y-%m-%d %H:%M")
    assert shown in html and 'data-testid="quality-clean"' in html


def test_a_write_reruns_its_year_and_the_years_after_it(
    data, teachers_return, editor, admin_user, django_capture_on_commit_callbacks
):
    """Year-on-year rules of 2026 read 2025: a change to 2025 reruns both, not 2024."""
    import datetime

    from jiangmen_edu.workflow import reporting_year_open

    for year in (YEAR - 1, YEAR + 1):
        reporting_year_open(year=year, due_date=datetime.date(year + 1, 3, 31), user=admin_user)
    data["warnings"].append((COUNTY_A, "staff:1"))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            ensure_editable(unit=teachers_return.unit, year=YEAR, section=Section.TEACHERS)
            ensure_editable(unit=teachers_return.unit, year=YEAR + 1, section=Section.TEACHERS)

    assert len(callbacks) == 1
    checked = dict(
        YearlyReturn.objects.filter(unit=teachers_return.unit, section=Section.TEACHERS)
        .exclude(quality_checked_at=None)
        .values_list("reporting_year__year", "findings__key")
    )
    assert checked == {YEAR: "staff:1", YEAR + 1: "staff:1"}


def test_a_rule_setting_reruns_every_unit_of_the_year(
    data, reporting_year, teachers_return, admin_user, django_capture_on_commit_callbacks
):
    data["warnings"] += [(COUNTY_A, "staff:1"), ("440783", "staff:2")]
    refresh(teachers_return)
    assert QualityFinding.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            editing.setting_save(
                user=admin_user,
                reporting_year=reporting_year,
                code="X02",
                enabled=True,
                threshold=Decimal("300"),
            )

    assert {(f.key, f.params["threshold"]) for f in QualityFinding.objects.all()} == {
        ("staff:1", "300"),
        ("staff:2", "300"),
    }


def test_opening_a_year_checks_its_new_returns(
    data, admin_user, county_a, django_capture_on_commit_callbacks
):
    import datetime

    from jiangmen_edu.workflow import reporting_year_open

    data["errors"].append((COUNTY_A, "staff:1"))
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            reporting_year_open(year=YEAR, due_date=datetime.date(YEAR + 1, 3, 31), user=admin_user)

    returns = YearlyReturn.objects.filter(reporting_year__year=YEAR)
    assert not returns.filter(quality_checked_at=None).exists()
    assert QualityFinding.objects.get().yearly_return.unit == county_a
    with django_capture_on_commit_callbacks() as callbacks:  # opened already: nothing new
        reporting_year_open(year=YEAR, due_date=datetime.date(YEAR + 1, 3, 31), user=admin_user)
    assert callbacks == []


@pytest.mark.django_db(transaction=True)
def test_opening_and_publishing_an_assessment_rechecks_the_materials(reference_data):
    """Rule A02 asks for the assessment materials only while the assessment is open.
    Transactional: each step commits, and its rerun runs then."""
    import datetime

    from assessment.services import assessment_open, run_compute, run_publish
    from jiangmen_edu.models import Unit
    from jiangmen_edu.workflow import reporting_year_open

    admin_user = make_user("city_admin", Role.CITY_ADMIN)
    reporting_year_open(year=YEAR, due_date=datetime.date(YEAR + 1, 3, 31), user=admin_user)
    materials = YearlyReturn.objects.get(
        unit=Unit.objects.get(code=COUNTY_A), reporting_year__year=YEAR, section="assessment"
    )
    assert "A02" not in set(materials.findings.values_list("code", flat=True))

    assessment = assessment_open(year=YEAR, user=admin_user)
    assert "A02" in set(materials.findings.values_list("code", flat=True))

    run = run_compute(assessment=assessment, user=admin_user)
    run_publish(assessment=assessment, run=run, user=admin_user)
    assert "A02" not in set(materials.findings.values_list("code", flat=True))


@pytest.mark.parametrize("change", ["quota table", "period"])
def test_the_citys_seat_plan_changes_recheck_the_seats_returns(
    reporting_year, admin_user, django_capture_on_commit_callbacks, change
):
    """Rule S01 compares the counties' plans with the period's quota table and names the
    period: changing either reruns the seats rules of the period's years."""
    from jiangmen_edu.models import Unit
    from seats.models import PlanPeriod
    from seats.services.plans import QUOTA_FIELDS, period_update, quotas_save

    period = PlanPeriod.objects.get(start_year=2021)
    with django_capture_on_commit_callbacks() as callbacks:
        if change == "quota table":
            unit = Unit.objects.get(code=COUNTY_A)
            quotas_save(
                user=admin_user, period=period, rows={unit: dict.fromkeys(QUOTA_FIELDS, 10)}
            )
        else:
            period_update(
                user=admin_user,
                period=period,
                name="“十四五”规划",
                start_year=period.start_year,
                end_year=period.end_year,
                city_target=period.city_target,
            )
    assert [c.year for c in callbacks] == list(range(2021, 2026))
    assert {c.sections for c in callbacks} == {("seats",)}
