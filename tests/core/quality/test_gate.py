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

        page = client_for(editor).get(reverse("return_detail", args=[teachers_return.pk]))

        html = page.content.decode()
        assert html.count('data-testid="finding"') == 2
        assert html.count('data-testid="explain-form"') == 1
        assert 'data-testid="submit-blocked"' in html

    def test_an_explanation_posted_from_the_page(self, data, teachers_return, editor):
        data["warnings"].append((COUNTY_A, "staff:2"))
        client = client_for(editor)
        client.get(reverse("return_detail", args=[teachers_return.pk]))

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
        client = client_for(editor)
        client.get(reverse("return_detail", args=[teachers_return.pk]))

        response = client.post(
            reverse("return_explain", args=[teachers_return.pk]),
            {"code": ["X02", "X02"], "key": ["staff:2", "staff:gone"], "text": ["甲", "乙"]},
            follow=True,
        )

        assert not QualityExplanation.objects.exists()
        assert "该问题已不存在" in response.content.decode()

    def test_mismatched_lists_are_refused(self, data, teachers_return, editor):
        data["warnings"].append((COUNTY_A, "staff:2"))
        client = client_for(editor)
        client.get(reverse("return_detail", args=[teachers_return.pk]))

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
