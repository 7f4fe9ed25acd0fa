"""The assessor workbench: the qualitative items waiting per county, and the scoring form with
the county's evidence for the item beside it (and, for 2.2, the roster's suggestion)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assessment import forms
from assessment.evidence import evidence_for_user
from assessment.gather import year_configs
from assessment.models import Indicator, PreschoolStatus, QualitativeScore
from assessment.qualitative import (
    QUALITATIVE_ITEMS,
    SCORERS,
    needs_assessor,
    qualitative_score_save,
    researcher_suggestion,
    score_ranges,
    workbench,
)
from assessment.views.common import assessment_or_404, county_or_404
from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.permissions import allow


@allow(SCORERS)
def workbench_list(request, year):
    assessment = assessment_or_404(year)
    rows = workbench(assessment)
    return render(
        request,
        "assessment/workbench.html",
        {
            "assessment": assessment,
            "rows": rows,
            "codes": QUALITATIVE_ITEMS,
            "waiting": sum(row.waiting for row in rows),
        },
    )


def _initial(record: QualitativeScore | None, code: str) -> dict | None:
    if record is None:
        return None
    if code == "1":
        return {
            f"{key}_{name}": part.get(name)
            for key, part in record.parts.items()
            for name in ("score", "reason")
        }
    return {"score": record.score, "reason": record.reason}


@allow(SCORERS)
def workbench_score(request, year, code, item):
    assessment = assessment_or_404(year)
    unit = county_or_404(request.user, code)
    if item not in QUALITATIVE_ITEMS:
        raise Http404
    config = year_configs(year)[unit.region][item]
    status = (
        PreschoolStatus.objects.filter(unit=unit, year=year).values_list("status", flat=True)
    ).first()
    record = QualitativeScore.objects.filter(assessment=assessment, unit=unit, code=item).first()
    form_class = forms.ResponsibilityForm if item == "1" else forms.ScoreForm
    form = form_class(request.POST or None, initial=_initial(record, item))
    if request.method == "POST" and form.is_valid():
        if item == "1":
            values = {"parts": form.parts()}
        else:
            values = {"score": form.cleaned_data["score"], "reason": form.cleaned_data["reason"]}
        try:
            qualitative_score_save(
                assessment=assessment, unit=unit, code=item, user=request.user, **values
            )
        except REFUSALS as error:
            show_refusal(error, form=form)
        else:
            messages.success(
                request,
                _("Item %(item)s of %(county)s is scored.") % {"item": item, "county": unit},
            )
            return redirect("assessment:workbench", year=year)
    return render(
        request,
        "assessment/workbench_score.html",
        {
            "assessment": assessment,
            "unit": unit,
            "item": item,
            "indicator": Indicator.objects.filter(code=item).first(),
            "ranges": score_ranges(item, config),
            "needed": needs_assessor(item, status),
            "preschool_status": PreschoolStatus.Status(status).label if status else None,
            "suggestion": researcher_suggestion(unit, year, config) if item == "2.2" else None,
            "record": record,
            "form": form,
            "evidence": evidence_for_user(request.user).filter(unit=unit, year=year, code=item),
        },
    )
