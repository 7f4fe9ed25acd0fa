"""What happens to an uploaded file's rows (names, pay) after the preview, and the commit of a
preview that another import has overtaken: nothing is lost either way, and nobody is told
"imported" for data that another import silently replaced."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jiangmen_edu.imports import datasets
from jiangmen_edu.imports.services import (
    ImportRefused,
    import_commit,
    import_discard,
    import_preview,
    import_previews_expire,
)
from jiangmen_edu.models import ImportBatch
from teachers.models import StaffYear
from tests.conftest import YEAR, client_for
from tests.core.factories import ROSTER_HEADER, roster_row, xlsx

pytestmark = pytest.mark.usefixtures("without_quality_rules")

ROSTER = datasets.get("roster")


@pytest.fixture
def open_year(reporting_year, schools_a):
    return reporting_year


def preview(unit, user, *staff_numbers, bad=False):
    rows = [roster_row(number) for number in staff_numbers]
    if bad:
        rows.append(roster_row("T999", 教龄="很多"))
    return import_preview(
        dataset=ROSTER,
        unit=unit,
        year=YEAR,
        file=xlsx([ROSTER_HEADER, *rows]),
        filename="roster.xlsx",
        user=user,
    )


def age(batch, days):
    ImportBatch.objects.filter(pk=batch.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    batch.refresh_from_db()


def test_discarding_deletes_the_uploaded_rows(open_year, county_a, editor):
    batch = preview(county_a, editor, "T001", bad=True)
    assert batch.rows and batch.rejected_raw
    assert any(error["value"] for error in batch.errors)
    import_discard(batch=batch, user=editor)
    batch.refresh_from_db()
    assert (batch.status, batch.rows, batch.rejected_raw) == ("discarded", [], [])
    assert batch.errors and not any(error["value"] for error in batch.errors)


def test_previews_past_their_days_expire_and_lose_their_rows(open_year, county_a, editor, settings):
    settings.IMPORT_PREVIEW_DAYS = 7
    old, fresh = preview(county_a, editor, "T001", bad=True), preview(county_a, editor, "T002")
    discarded_long_ago = preview(county_a, editor, "T003", bad=True)
    age(old, 8)
    age(fresh, 6)
    ImportBatch.objects.filter(pk=discarded_long_ago.pk).update(status="discarded")
    age(discarded_long_ago, 30)

    assert import_previews_expire() == 1

    old.refresh_from_db(), fresh.refresh_from_db(), discarded_long_ago.refresh_from_db()
    assert (old.status, old.rows, old.rejected_raw) == ("expired", [], [])
    assert old.errors and not any(error["value"] for error in old.errors)
    assert fresh.status == "previewed" and fresh.rows
    assert (discarded_long_ago.status, discarded_long_ago.rejected_raw) == ("discarded", [])
    assert not any(error["value"] for error in discarded_long_ago.errors)
    assert import_previews_expire() == 0


def test_an_expired_preview_cannot_be_committed(open_year, county_a, editor, settings):
    batch = preview(county_a, editor, "T001")
    age(batch, settings.IMPORT_PREVIEW_DAYS)
    with pytest.raises(ImportRefused, match="已超过 7 天，已过期"):
        import_commit(batch=batch, dataset=ROSTER, user=editor)
    assert not StaffYear.objects.exists()


def test_the_command_expires_and_says_how_many(open_year, county_a, editor, capsys):
    age(preview(county_a, editor, "T001"), 10)
    call_command("expire_import_previews")
    assert capsys.readouterr().out.strip() == "1 previews older than 7 days expired."


def test_the_rejected_rows_are_gone_with_the_preview(open_year, county_a, editor):
    batch = preview(county_a, editor, "T001", bad=True)
    client = client_for(editor)
    assert client.get(reverse("imports:rejected", args=[batch.pk])).status_code == 200
    import_discard(batch=batch, user=editor)
    assert client.get(reverse("imports:rejected", args=[batch.pk])).status_code == 404


def test_the_second_of_two_previews_of_the_same_data_is_refused(
    open_year, county_a, editor, admin_user
):
    """Two clerks check their files; the first imports; the second is told who imported
    what and when, and nothing of the first import is replaced."""
    first = preview(county_a, editor, "T001", "T002")
    second = preview(county_a, editor, "T003")
    assert import_commit(batch=first, dataset=ROSTER, user=editor) == 2

    with pytest.raises(ImportRefused) as refused:
        import_commit(batch=second, dataset=ROSTER, user=editor)

    message = str(refused.value)
    assert "导入了“roster.xlsx”（2 行）" in message and "没有导入任何数据" in message
    assert str(editor) in message
    assert sorted(StaffYear.objects.values_list("staff__staff_no", flat=True)) == ["T001", "T002"]
    second.refresh_from_db()
    assert second.status == "refused" and second.rows == []


def test_a_new_preview_after_the_other_import_commits(open_year, county_a, editor):
    import_commit(batch=preview(county_a, editor, "T001"), dataset=ROSTER, user=editor)
    again = preview(county_a, editor, "T001", "T002")
    assert again.base is not None
    assert import_commit(batch=again, dataset=ROSTER, user=editor) == 2


def test_another_data_set_or_year_does_not_overtake_a_preview(
    open_year, county_a, county_b, editor, other_editor, school_b
):
    mine = preview(county_a, editor, "T001")
    other = import_preview(
        dataset=ROSTER,
        unit=county_b,
        year=YEAR,
        file=xlsx([ROSTER_HEADER, roster_row("K001", school=school_b.code)]),
        filename="roster.xlsx",
        user=other_editor,
    )
    import_commit(batch=other, dataset=ROSTER, user=other_editor)
    assert import_commit(batch=mine, dataset=ROSTER, user=editor) == 1


def test_the_page_says_who_came_first_and_offers_a_new_upload(open_year, county_a, editor):
    first, second = preview(county_a, editor, "T001"), preview(county_a, editor, "T002")
    client = client_for(editor)
    client.post(reverse("imports:commit", args=[first.pk]))
    response = client.post(reverse("imports:commit", args=[second.pk]), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("imports:upload", args=["roster"])
    assert "晚于本文件的校验，因此没有导入任何数据" in page
    assert StaffYear.objects.get().staff.staff_no == "T001"
