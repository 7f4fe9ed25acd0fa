"""Another county's assessment pages, files and responses are a 404 for a county editor."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.evidence import evidence_add
from assessment.models import DevelopmentCentre, Evidence, ItemResponse, PreschoolStatus
from assessment.responses import response_add
from assessment.services import run_compute
from tests.assessment.conftest import pdf_bytes
from tests.conftest import client_for

COUNTY_PAGES = {
    # name: (method, data)
    "assessment:county_inputs": ("get", None),
    "assessment:draft_card": ("get", None),
    "assessment:centre_save": ("post", {"venue": "1", "equipment": "1", "training": "1"}),
    "assessment:preschool_save": ("post", {"status": "national"}),
    "assessment:survey_save": ("post", {"parents_respondents": "9", "parents_satisfied": "9"}),
    "assessment:evidence_upload": ("post", {"code": "1"}),
    "assessment:response_create": ("post", {"code": "2.1", "stance": "contest", "comment": "x"}),
}


@pytest.fixture
def county_a_objects(assessment, admin_user, editor):
    run_compute(assessment=assessment, user=admin_user)
    evidence = evidence_add(
        unit=editor.unit,
        year=2025,
        code="1",
        file=SimpleUploadedFile("a.pdf", pdf_bytes()),
        user=editor,
    )
    response = response_add(
        assessment=assessment,
        unit=editor.unit,
        code="2.1",
        stance="contest",
        comment="有误",
        user=editor,
    )
    return {"evidence": evidence, "response": response}


@pytest.mark.parametrize("name", sorted(COUNTY_PAGES))
def test_county_pages_of_another_county_are_404(county_a_objects, county_a, other_editor, name):
    method, data = COUNTY_PAGES[name]
    url = reverse(name, kwargs={"year": 2025, "code": county_a.code})
    if name == "assessment:evidence_upload":
        data = {**data, "file": SimpleUploadedFile("b.pdf", pdf_bytes())}
    response = getattr(client_for(other_editor), method)(url, data)
    assert response.status_code == 404
    assert not DevelopmentCentre.objects.exists() and not PreschoolStatus.objects.exists()
    assert Evidence.objects.count() == 1 and ItemResponse.objects.count() == 1


@pytest.mark.parametrize("name", sorted(COUNTY_PAGES))
def test_city_direct_is_not_an_assessment_county(county_a_objects, admin_user, name):
    method, data = COUNTY_PAGES[name]
    url = reverse(name, kwargs={"year": 2025, "code": "440700"})
    assert getattr(client_for(admin_user), method)(url, data).status_code in (403, 404)


def test_files_and_responses_of_another_county_are_404(county_a_objects, other_editor):
    client = client_for(other_editor)
    evidence = county_a_objects["evidence"]
    assert (
        client.get(reverse("assessment:evidence_download", args=[evidence.pk])).status_code == 404
    )
    assert client.post(reverse("assessment:evidence_delete", args=[evidence.pk])).status_code == 404
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_city_pages_are_refused_to_county_editors(county_a_objects, editor):
    client = client_for(editor)
    for name, kwargs in (
        ("assessment:runs", {"year": 2025}),
        ("assessment:workbench", {"year": 2025}),
        ("assessment:responses", {"year": 2025}),
        ("assessment:workbench_score", {"year": 2025, "code": "440781", "item": "1"}),
    ):
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403, name
    response = county_a_objects["response"]
    answer = client.post(reverse("assessment:response_answer", args=[response.pk]), {"answer": "x"})
    assert answer.status_code == 403


def test_the_workbench_of_an_unknown_year_is_404(county_a_objects, assessor):
    url = reverse("assessment:workbench", kwargs={"year": 2019})
    assert client_for(assessor).get(url).status_code == 404
