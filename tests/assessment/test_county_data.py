"""The county's own materials: development centre, preschool status, surveys
(docs/rules.md#assessment)."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessment.county_data import centre_save, preschool_save, survey_save
from assessment.models import DevelopmentCentre, PreschoolStatus, SatisfactionSurvey
from assessment.services import AssessmentError, assessment_open
from jiangmen_edu.models import YearlyReturn
from jiangmen_edu.workflow import ReturnLocked
from tests.conftest import client_for

D = Decimal


def test_the_editor_saves_the_centre_and_it_is_audited(assessment, county_a, editor):
    centre = centre_save(
        unit=county_a, year=2025, user=editor, venue=D("0.8"), equipment=D(1), training=D(1)
    )
    again = centre_save(
        unit=county_a, year=2025, user=editor, venue=D(1), equipment=D(1), training=D(1)
    )
    assert again.pk == centre.pk and DevelopmentCentre.objects.get().venue == 1
    actions = LogEntry.objects.get_for_object(centre).values_list("action", flat=True)
    assert sorted(actions) == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]


def test_fractions_above_one_are_refused(assessment, county_a, editor):
    with pytest.raises(ValidationError):
        centre_save(
            unit=county_a, year=2025, user=editor, venue=D("1.2"), equipment=D(1), training=D(1)
        )


def test_preschool_status_and_survey(assessment, county_a, editor):
    preschool_save(unit=county_a, year=2025, user=editor, status="national")
    assert PreschoolStatus.objects.get().status == "national"
    with pytest.raises(ValidationError):
        preschool_save(unit=county_a, year=2025, user=editor, status="passed")
    survey_save(
        unit=county_a,
        year=2025,
        user=editor,
        groups={"parents": (90, 100), "students": (40, 50), "teachers": None},
    )
    assert SatisfactionSurvey.objects.count() == 2
    survey_save(unit=county_a, year=2025, user=editor, groups={"students": None})
    assert list(SatisfactionSurvey.objects.values_list("group", flat=True)) == ["parents"]
    with pytest.raises(ValidationError):
        survey_save(unit=county_a, year=2025, user=editor, groups={"parents": (101, 100)})


def test_only_the_countys_own_editor_writes(assessment, county_a, other_editor, assessor):
    for user in (other_editor, assessor):
        with pytest.raises(PermissionDenied):
            preschool_save(unit=county_a, year=2025, user=user, status="national")


def test_writes_need_the_open_assessment_and_an_editable_return(
    reporting_year, county_a, editor, admin_user
):
    with pytest.raises(AssessmentError):
        preschool_save(unit=county_a, year=2025, user=editor, status="national")
    assessment_open(year=2025, user=admin_user)
    YearlyReturn.objects.filter(unit=county_a, section="assessment").update(status="approved")
    with pytest.raises(ReturnLocked):
        preschool_save(unit=county_a, year=2025, user=editor, status="national")
    assert not PreschoolStatus.objects.exists()


def test_the_materials_page_saves_and_shows_errors(assessment, county_a, editor):
    base = {"year": 2025, "code": county_a.code}
    client = client_for(editor)
    page = client.post(
        reverse("assessment:centre_save", kwargs=base),
        {"venue": "1.5", "equipment": "1", "training": "1"},
    )
    assert page.status_code == 200 and page.context["centre_form"].errors["venue"]
    page = client.post(
        reverse("assessment:centre_save", kwargs=base),
        {"venue": "0.75", "equipment": "1", "training": "0.5"},
    )
    assert page.status_code == 302
    page = client.post(
        reverse("assessment:survey_save", kwargs=base),
        {"parents_respondents": "100", "parents_satisfied": ""},
    )
    assert page.status_code == 200 and page.context["survey_form"].errors
    page = client.post(
        reverse("assessment:survey_save", kwargs=base),
        {"parents_respondents": "100", "parents_satisfied": "88"},
    )
    assert page.status_code == 302
    page = client.get(reverse("assessment:county_inputs", kwargs=base))
    assert page.context["centre_form"].initial["venue"] == D("0.75")
    assert page.context["can_edit"]


def test_the_city_reads_the_materials_without_forms(assessment, county_a, reviewer):
    page = client_for(reviewer).get(
        reverse("assessment:county_inputs", kwargs={"year": 2025, "code": county_a.code})
    )
    assert page.status_code == 200 and not page.context["can_edit"]
    assert page.context["centre_form"].fields["venue"].disabled


def test_the_survey_groups_are_labelled_as_the_model_names_them(assessment, county_a, editor):
    """The teachers group is 教师, not the teachers section (教师队伍)."""
    page = client_for(editor).get(
        reverse("assessment:county_inputs", kwargs={"year": 2025, "code": county_a.code})
    )
    labels = [str(label) for label, _respondents, _satisfied in page.context["survey_form"].rows()]
    assert labels == ["人大代表", "政协委员", "校长", "教师", "家长", "学生"]
    assert labels == [str(label) for _value, label in SatisfactionSurvey.Group.choices]
    assert "教师队伍" not in page.content.decode().split('data-testid="survey-form"')[1]
