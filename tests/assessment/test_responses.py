"""County responses to the draft scorecard, and the inspection team's answers."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.models import ItemResponse
from assessment.responses import response_add, response_answer
from assessment.services import AssessmentError, run_compute, run_publish
from tests.assessment.conftest import pdf_bytes
from tests.conftest import client_for


@pytest.fixture
def draft(assessment, admin_user):
    return run_compute(assessment=assessment, user=admin_user)


def respond(assessment, unit, user, code="2.1", stance="contest", comment="数据有误", **kw):
    return response_add(
        assessment=assessment,
        unit=unit,
        code=code,
        stance=stance,
        comment=comment,
        user=user,
        **kw,
    )


def test_a_county_agrees_or_contests_with_evidence(draft, assessment, county_a, editor):
    agreed = respond(assessment, county_a, editor, code="4", stance="agree", comment="")
    contested = respond(
        assessment,
        county_a,
        editor,
        file=SimpleUploadedFile("补充说明.pdf", pdf_bytes()),
    )
    assert agreed.stance == "agree" and contested.evidence.original_name == "补充说明.pdf"
    assert contested.evidence.code == "2.1" and contested.evidence.unit == county_a
    assert LogEntry.objects.get_for_object(contested).exists()


def test_contesting_needs_a_comment(draft, assessment, county_a, editor):
    with pytest.raises(ValidationError) as refused:
        respond(assessment, county_a, editor, comment="  ")
    assert "comment" in refused.value.message_dict


def test_no_response_without_a_draft_or_after_publication(assessment, county_a, editor, admin_user):
    with pytest.raises(AssessmentError):
        respond(assessment, county_a, editor)
    run = run_compute(assessment=assessment, user=admin_user)
    run_publish(assessment=assessment, run=run, user=admin_user)
    with pytest.raises(AssessmentError):
        respond(assessment, county_a, editor)


def test_only_the_countys_editor_responds(draft, assessment, county_a, other_editor, assessor):
    with pytest.raises(PermissionDenied):
        respond(assessment, county_a, other_editor)
    with pytest.raises(PermissionDenied):
        respond(assessment, county_a, assessor)


def test_one_objection_per_item_waits_at_a_time(draft, assessment, county_a, editor, assessor):
    first = respond(assessment, county_a, editor)
    with pytest.raises(AssessmentError):
        respond(assessment, county_a, editor, comment="再次申诉")
    respond(assessment, county_a, editor, code="2.3c")  # another item is fine
    response_answer(response=first, answer="已核实，维持原分", user=assessor)
    again = respond(assessment, county_a, editor, comment="补充新材料")
    assert ItemResponse.objects.filter(unit=county_a, code="2.1").count() == 2
    assert again.answered_at is None


def test_the_answer_is_given_once_by_the_inspection_team(
    draft, assessment, county_a, editor, assessor, reviewer
):
    response = respond(assessment, county_a, editor)
    with pytest.raises(PermissionDenied):
        response_answer(response=response, answer="好", user=reviewer)
    with pytest.raises(PermissionDenied):
        response_answer(response=response, answer="好", user=editor)
    with pytest.raises(ValidationError):
        response_answer(response=response, answer=" ", user=assessor)
    answered = response_answer(response=response, answer="已核实", user=assessor)
    assert answered.answered_by == assessor and answered.answered_at
    with pytest.raises(AssessmentError):
        response_answer(response=answered, answer="改口", user=assessor)


def test_the_pages_show_the_exchange(draft, assessment, county_a, editor, assessor):
    card_url = reverse("assessment:draft_card", kwargs={"year": 2025, "code": county_a.code})
    page = client_for(editor).get(card_url)
    assert page.status_code == 200 and page.context["can_respond"]
    assert len(page.context["items"]) == 14
    respond_url = reverse(
        "assessment:response_create", kwargs={"year": 2025, "code": county_a.code}
    )
    client_for(editor).post(respond_url, {"code": "2.1", "stance": "contest", "comment": ""})
    assert not ItemResponse.objects.exists()
    client_for(editor).post(respond_url, {"code": "2.1", "stance": "contest", "comment": "有误"})
    response = ItemResponse.objects.get()
    listing = client_for(assessor).get(reverse("assessment:responses", kwargs={"year": 2025}))
    assert list(listing.context["responses"]) == [response]
    client_for(assessor).post(
        reverse("assessment:response_answer", args=[response.pk]), {"answer": "已复核"}
    )
    response.refresh_from_db()
    assert response.answer == "已复核"
    page = client_for(editor).get(card_url)
    entry = next(entry for entry in page.context["items"] if entry["item"].code == "2.1")
    assert entry["responses"] == [response]


def test_after_publication_the_county_sees_the_published_run_only(
    assessment, county_a, editor, admin_user
):
    published = run_compute(assessment=assessment, user=admin_user)
    run_publish(assessment=assessment, run=published, user=admin_user)
    run_compute(assessment=assessment, user=admin_user, reason="更正")
    card_url = reverse("assessment:draft_card", kwargs={"year": 2025, "code": county_a.code})
    page = client_for(editor).get(card_url)
    assert page.context["run"] == published and not page.context["can_respond"]
    city = client_for(admin_user).get(card_url)
    assert city.context["run"].number == 2
