"""A refusal the commit still finds (another write came in after the preview) is a
plain message on the page and on the command line, never a traceback; nothing is written and
the file stays refused."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from jiangmen_edu.imports import datasets, services
from jiangmen_edu.imports.services import ImportRefused, import_commit, import_preview
from jiangmen_edu.models import ImportBatch
from jiangmen_edu.workflow import ReturnLocked, return_transition
from teachers.models import Staff, StaffYear
from tests.conftest import COUNTY_A, YEAR, client_for
from tests.core.factories import ROSTER_HEADER, roster_row, run_import_data, xlsx

pytestmark = pytest.mark.usefixtures("without_quality_rules")

ROSTER = datasets.get("roster")
SUBMITTED = "本填报已提交，正在等待市教育局审核；在市教育局退回之前不能修改。"


@pytest.fixture
def open_year(reporting_year, schools_a):
    return reporting_year


@pytest.fixture
def submitted_after_the_preview(monkeypatch, teachers_return, editor):
    """The county's teachers return is submitted between the preview and the commit."""
    real_preview = services.import_preview

    def preview_then_submit(**kwargs):
        batch = real_preview(**kwargs)
        return_transition(yearly_return=teachers_return, user=editor, action="submit")
        return batch

    monkeypatch.setattr(services, "import_preview", preview_then_submit)


def test_the_command_prints_a_commit_time_refusal_on_one_line_and_exits_1(
    open_year, submitted_after_the_preview, county_a, tmp_path, capsys
):
    file = tmp_path / "roster.xlsx"
    file.write_bytes(xlsx([ROSTER_HEADER, roster_row("T001"), roster_row("T002")]).getvalue())
    status = run_import_data("roster", str(file), "--county", COUNTY_A, "--year", str(YEAR))
    output = capsys.readouterr()
    assert status == 1
    assert output.err.splitlines() == [f"CommandError: {SUBMITTED}"]
    assert "Traceback" not in output.err and "imported" not in output.out
    assert not Staff.objects.exists() and not StaffYear.objects.exists()
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.refusal, batch.rows) == (
        ImportBatch.Status.REFUSED,
        SUBMITTED,
        [],
    )


def test_the_command_prints_a_preview_refusal_the_same_way(
    open_year, teachers_return, editor, tmp_path, capsys
):
    return_transition(yearly_return=teachers_return, user=editor, action="submit")
    file = tmp_path / "roster.xlsx"
    file.write_bytes(xlsx([ROSTER_HEADER, roster_row("T001")]).getvalue())
    status = run_import_data("roster", str(file), "--county", COUNTY_A, "--year", str(YEAR))
    assert status == 1
    assert capsys.readouterr().err.splitlines() == [f"CommandError: {SUBMITTED}"]
    assert not ImportBatch.objects.exists()


def test_the_confirm_page_shows_the_refusal_and_the_file_stays_refused(
    open_year, county_a, editor, teachers_return
):
    client = client_for(editor)
    file = xlsx([ROSTER_HEADER, roster_row("T001")])
    client.post(reverse("imports:upload", args=["roster"]), {"year": YEAR, "file": file})
    batch = ImportBatch.objects.get()
    assert batch.errors == [] and batch.status == ImportBatch.Status.PREVIEWED
    return_transition(yearly_return=teachers_return, user=editor, action="submit")

    response = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("imports:upload", args=["roster"])
    assert [str(message) for message in response.context["messages"]] == [SUBMITTED]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REFUSED and batch.refusal == SUBMITTED
    assert not StaffYear.objects.exists()

    page = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "导入时被拒绝" in page and SUBMITTED in page
    assert reverse("imports:commit", args=[batch.pk]) not in page  # no Import button left
    listing = client.get(reverse("imports:index")).content.decode()
    assert "导入时被拒绝" in listing and "待确认导入" not in listing
    # Reopened or not, a refused file is not imported later by a second click.
    with pytest.raises(ImportRefused, match="已导入、已放弃或已被拒绝（导入时被拒绝）"):
        import_commit(batch=batch, dataset=ROSTER, user=editor)


def test_a_database_refusal_at_commit_is_a_plain_refusal(open_year, county_a, monkeypatch):
    """A constraint broken by a write that came in after the preview (here simulated after
    the first rows are written) rolls the whole file back and says so in plain words."""
    real_commit = ROSTER.commit

    def commit_then_collide(rows, context):
        real_commit(rows, context)
        raise IntegrityError("UNIQUE constraint failed: teachers_staffyear.staff_id")

    batch = import_preview(
        dataset=ROSTER,
        unit=county_a,
        year=YEAR,
        file=xlsx([ROSTER_HEADER, roster_row("T001")]),
        filename="roster.xlsx",
        user=None,
    )
    monkeypatch.setattr(ROSTER, "commit", commit_then_collide)
    with pytest.raises(ImportRefused, match="导入过程中本单位的数据被他人修改"):
        import_commit(batch=batch, dataset=ROSTER, user=None)
    assert not Staff.objects.exists() and not StaffYear.objects.exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.REFUSED


def test_a_locked_return_at_commit_is_a_workflow_refusal(open_year, county_a, editor, reviewer):
    batch = import_preview(
        dataset=ROSTER,
        unit=county_a,
        year=YEAR,
        file=xlsx([ROSTER_HEADER, roster_row("T001")]),
        filename="roster.xlsx",
        user=editor,
    )
    teachers = open_year.returns.get(unit=county_a, section="teachers")
    return_transition(yearly_return=teachers, user=editor, action="submit")
    return_transition(yearly_return=teachers, user=reviewer, action="approve")
    with pytest.raises(ReturnLocked, match="已审核通过"):
        import_commit(batch=batch, dataset=ROSTER, user=editor)
    assert batch.status == ImportBatch.Status.REFUSED
    assert not StaffYear.objects.exists()
