"""Every change is recorded with who, when, before and after, and browsable per county."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from jiangmen_edu.models import School, YearlyReturn
from tests.conftest import client_for

# Submission here is about the workflow, not the data-quality rules (tests/core/quality).
pytestmark = pytest.mark.usefixtures("without_quality_rules")


def entries_for(obj):
    return LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk")


def test_editing_a_return_is_recorded_with_user_and_before_after(teachers_return, editor):
    client_for(editor).post(
        reverse("return_edit", args=[teachers_return.pk]),
        {"contact_name": "黄喆", "contact_phone": "0750-1234567", "notes": ""},
    )
    entry = entries_for(teachers_return).last()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == editor
    assert entry.changes_dict["contact_name"] == ["", "黄喆"]
    assert entry.additional_data == {"unit": "440781"}


def test_status_changes_are_recorded(teachers_return, editor, reviewer):
    client_for(editor).post(reverse("return_submit", args=[teachers_return.pk]))
    client_for(reviewer).post(reverse("return_approve", args=[teachers_return.pk]))
    changes = [
        (entry.actor.username, entry.changes_dict["status"])
        for entry in entries_for(teachers_return)
        if entry.action == LogEntry.Action.UPDATE and "status" in entry.changes_dict
    ]
    assert changes == [
        ("editor_a", ["draft", "submitted"]),
        ("reviewer", ["submitted", "approved"]),
    ]


def test_create_and_delete_are_recorded(admin_user, county_a):
    school = School.objects.create(
        code="4407810999",
        name="台山市测试小学",
        unit=county_a,
        school_type="primary",
        ownership="public",
    )
    pk = school.pk
    school.delete()
    actions = list(
        LogEntry.objects.filter(object_pk=str(pk), content_type__model="school")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]


def test_admin_changes_are_recorded_with_the_admin(admin_user, county_a):
    school = School.objects.filter(unit__code="440700").first()
    response = client_for(admin_user).post(
        reverse("admin:core_school_change", args=[school.pk]),
        {
            "code": school.code,
            "name": school.name,
            "unit": school.unit_id,
            "township": "",
            "school_type": school.school_type,
            "ownership": "public",
            "students": "1234",
        },
    )
    assert response.status_code == 302
    entry = entries_for(school).last()
    assert entry.actor == admin_user
    assert entry.changes_dict["students"] == ["0", "1234"]


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_city_browses_the_trail_per_county(role, users, teachers_return, county_b):
    client_for(users["editor"]).post(
        reverse("return_edit", args=[teachers_return.pk]),
        {"contact_name": "林堃", "contact_phone": "", "notes": ""},
    )
    other = YearlyReturn.objects.get(
        unit=county_b, reporting_year=teachers_return.reporting_year, section="teachers"
    )
    client_for(users["other_editor"]).post(
        reverse("return_edit", args=[other.pk]),
        {"contact_name": "陈昇", "contact_phone": "", "notes": ""},
    )
    client = client_for(users[role])
    page_a = client.get(reverse("audit_list"), {"unit": "440781"}).content.decode()
    assert "林堃" in page_a and "陈昇" not in page_a
    page_b = client.get(reverse("audit_list"), {"unit": "440783"}).content.decode()
    assert "陈昇" in page_b and "林堃" not in page_b
    assert "填报联系人" in page_a


def test_trail_shows_a_foreign_key_cleared_to_null(reviewer, county_a):
    """django-auditlog's own display fails on a foreign key set to NULL; the page must not."""
    township = county_a.townships.first()
    school = School.objects.create(
        code="4407810998",
        name="台山市测试幼儿园",
        unit=county_a,
        township=township,
        school_type="kindergarten",
        ownership="public",
    )
    school.township = None
    school.save()
    response = client_for(reviewer).get(reverse("audit_list"), {"unit": "440781"})
    assert response.status_code == 200
    assert "台山市测试幼儿园" in response.content.decode()


@pytest.mark.parametrize(
    "proxies, forwarded, recorded",
    [
        (0, "6.6.6.6", "10.0.0.9"),  # no proxy: the header is the client's own text
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the proxy's entry, not the forged one
    ],
)
def test_the_trail_records_the_address_a_trusted_proxy_saw(
    teachers_return, editor, settings, proxies, forwarded, recorded
):
    settings.TRUSTED_PROXY_COUNT = proxies
    client_for(editor).post(
        reverse("return_edit", args=[teachers_return.pk]),
        {"contact_name": "李明", "contact_phone": "0750-1234567", "notes": ""},
        REMOTE_ADDR="10.0.0.9",
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    entry = LogEntry.objects.get_for_object(teachers_return).latest("timestamp")
    assert entry.remote_addr == recorded
