"""A county's assessment materials of a year: the forms of items 2.4, 3.4b and 4, the school
resources import (3.4a), and the evidence files, uploaded and downloaded here.

Everyone with the county in scope reads the page; only that county's editor writes, while the
assessment is open and the county's materials return is editable. Evidence is served only by
`evidence_download`, which checks the scope: another county's file is a 404.
"""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment import county_data, forms
from assessment import evidence as evidence_service
from assessment.models import (
    AssessmentYear,
    DevelopmentCentre,
    PreschoolStatus,
    SatisfactionSurvey,
    SchoolResources,
)
from assessment.scoring import ITEM_CODES
from assessment.views.common import assessment_or_404, county_or_404
from jiangmen_edu import uploads
from jiangmen_edu.errors import REFUSALS, Refused, show_refusal
from jiangmen_edu.models import Role, Unit
from jiangmen_edu.permissions import ALL_ROLES, allow, get_scoped_or_404


def _initial_forms(unit: Unit, year: int) -> dict:
    centre = DevelopmentCentre.objects.filter(unit=unit, year=year).first()
    status = PreschoolStatus.objects.filter(unit=unit, year=year).first()
    survey = {}
    for row in SatisfactionSurvey.objects.filter(unit=unit, year=year):
        survey[f"{row.group}_respondents"] = row.respondents
        survey[f"{row.group}_satisfied"] = row.satisfied
    return {
        "centre_form": forms.CentreForm(
            initial={
                "venue": centre.venue,
                "equipment": centre.equipment,
                "training": centre.training,
            }
            if centre
            else None
        ),
        "preschool_form": forms.PreschoolForm(
            initial={"status": status.status} if status else None
        ),
        "survey_form": forms.SurveyForm(initial=survey),
        "evidence_form": forms.EvidenceForm(),
    }


def _render(request, assessment: AssessmentYear, unit: Unit, status: int = 200, **bound):
    year = assessment.year
    can_edit = request.user.role == Role.COUNTY_EDITOR
    lock = county_data.materials_lock_reason(unit=unit, year=year)
    context = _initial_forms(unit, year) | bound
    if not can_edit or lock:
        for name in ("centre_form", "preschool_form", "survey_form", "evidence_form"):
            for field in context[name].fields.values():
                field.disabled = True
    resources = Counter(
        SchoolResources.objects.filter(school__unit=unit, year=year).values_list("stage", flat=True)
    )
    evidence = evidence_service.evidence_for_user(request.user).filter(unit=unit, year=year)
    context |= {
        "assessment": assessment,
        "unit": unit,
        "can_edit": can_edit and not lock,
        "lock_reason": lock,
        "resources": {"primary": resources["primary"], "junior": resources["junior"]},
        "evidence": sorted(evidence, key=lambda e: (ITEM_CODES.index(e.code), -e.pk)),
    }
    return render(request, "assessment/county_inputs.html", context, status=status)


@allow(ALL_ROLES)
def county_inputs(request, year, code):
    return _render(request, assessment_or_404(year), county_or_404(request.user, code))


def _write(request, year, code, form_name, form, save, done: str):
    """Validate `form`, call `save(unit, cleaned_data)`; re-render with errors, or redirect."""
    assessment, unit = assessment_or_404(year), county_or_404(request.user, code)
    if form.is_valid():
        try:
            save(unit, form)
        except ValidationError as error:
            show_refusal(error, form=form)
        except Refused as error:
            show_refusal(error, request=request)
            return redirect("assessment:county_inputs", year=year, code=code)
        else:
            messages.success(request, done)
            return redirect("assessment:county_inputs", year=year, code=code)
    return _render(request, assessment, unit, **{form_name: form})


@allow(Role.COUNTY_EDITOR)
@require_POST
def centre_save(request, year, code):
    def save(unit, form):
        county_data.centre_save(unit=unit, year=year, user=request.user, **form.cleaned_data)

    form = forms.CentreForm(request.POST)
    return _write(request, year, code, "centre_form", form, save, _("Saved."))


@allow(Role.COUNTY_EDITOR)
@require_POST
def preschool_save(request, year, code):
    def save(unit, form):
        county_data.preschool_save(
            unit=unit, year=year, user=request.user, status=form.cleaned_data["status"]
        )

    form = forms.PreschoolForm(request.POST)
    return _write(request, year, code, "preschool_form", form, save, _("Saved."))


@allow(Role.COUNTY_EDITOR)
@require_POST
def survey_save(request, year, code):
    def save(unit, form):
        county_data.survey_save(unit=unit, year=year, user=request.user, groups=form.groups())

    form = forms.SurveyForm(request.POST)
    return _write(request, year, code, "survey_form", form, save, _("Saved."))


@allow(Role.COUNTY_EDITOR)
@require_POST
def evidence_upload(request, year, code):
    def save(unit, form):
        data = form.cleaned_data
        evidence_service.evidence_add(
            unit=unit,
            year=year,
            code=data["code"],
            file=data["file"],
            description=data["description"],
            user=request.user,
        )

    form = forms.EvidenceForm(request.POST, request.FILES)
    return _write(request, year, code, "evidence_form", form, save, _("The file is uploaded."))


@allow(ALL_ROLES)
def evidence_download(request, pk):
    evidence = get_scoped_or_404(
        evidence_service.evidence_for_user(request.user), request.user, pk=pk
    )
    return uploads.download(evidence.file, evidence.original_name)


@allow(Role.COUNTY_EDITOR)
@require_POST
def evidence_delete(request, pk):
    evidence = get_scoped_or_404(
        evidence_service.evidence_for_user(request.user), request.user, pk=pk
    )
    try:
        evidence_service.evidence_delete(evidence=evidence, user=request.user)
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("The file is removed."))
    return redirect("assessment:county_inputs", year=evidence.year, code=evidence.unit.code)
