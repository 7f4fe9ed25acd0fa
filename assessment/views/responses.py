"""The county's draft scorecard with its responses, and the inspection team's list of them.

Before publication a county editor sees the latest run of its own county and may agree with
or contest each item; after publication it sees the published result. The city sees the
latest run. Another county's card is a 404 for an editor.
"""

from collections import defaultdict

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment import forms
from assessment import responses as responses_service
from assessment.models import AssessmentYear, ItemResponse
from assessment.qualitative import SCORERS
from assessment.scoring import NOTES
from assessment.views.common import (
    assessment_or_404,
    county_or_404,
    flash_form_errors,
    visible_run,
)
from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.models import Role
from jiangmen_edu.permissions import ALL_ROLES, CITY_ROLES, allow


@allow(ALL_ROLES)
def draft_card(request, year, code):
    assessment = assessment_or_404(year)
    unit = county_or_404(request.user, code)
    run = visible_run(assessment, request.user)
    county_score = None
    if run is not None:
        county_score = (
            run.counties.filter(unit=unit).select_related("unit").prefetch_related("items").first()
        )
    by_item = defaultdict(list)
    for response in responses_service.responses_for_user(request.user).filter(
        assessment=assessment, unit=unit
    ):
        by_item[response.code].append(response)
    items = []
    if county_score is not None:
        for item in county_score.items.all():
            items.append(
                {
                    "item": item,
                    "notes": [(code, NOTES.get(code, "")) for code in item.notes],
                    "responses": by_item.get(item.code, []),
                    "form": forms.ResponseForm(initial={"code": item.code, "stance": "agree"}),
                }
            )
    can_respond = (
        request.user.role == Role.COUNTY_EDITOR
        and assessment.status == AssessmentYear.Status.OPEN
        and run is not None
    )
    return render(
        request,
        "assessment/draft_card.html",
        {
            "assessment": assessment,
            "unit": unit,
            "run": run,
            "county_score": county_score,
            "items": items,
            "can_respond": can_respond,
        },
    )


@allow(Role.COUNTY_EDITOR)
@require_POST
def response_create(request, year, code):
    assessment = assessment_or_404(year)
    unit = county_or_404(request.user, code)
    form = forms.ResponseForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("assessment:draft_card", year=year, code=code)
    data = form.cleaned_data
    try:
        responses_service.response_add(
            assessment=assessment,
            unit=unit,
            code=data["code"],
            stance=data["stance"],
            comment=data["comment"],
            file=data["file"],
            user=request.user,
        )
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(
            request, _("Your response to item %(item)s is recorded.") % {"item": data["code"]}
        )
    return redirect("assessment:draft_card", year=year, code=code)


@allow(CITY_ROLES)
def response_list(request, year):
    assessment = assessment_or_404(year)
    responses = responses_service.responses_for_user(request.user).filter(assessment=assessment)
    if request.GET.get("waiting"):
        responses = responses.filter(stance=ItemResponse.Stance.CONTEST, answered_at=None)
    return render(
        request,
        "assessment/responses.html",
        {
            "assessment": assessment,
            "responses": responses.order_by("unit__order", "code", "responded_at"),
            "can_answer": request.user.role in SCORERS,
            "answer_form": forms.AnswerForm(),
            "waiting_only": bool(request.GET.get("waiting")),
        },
    )


@allow(SCORERS)
@require_POST
def response_answer(request, pk):
    response = get_object_or_404(responses_service.responses_for_user(request.user), pk=pk)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
    else:
        try:
            responses_service.response_answer(
                response=response, answer=form.cleaned_data["answer"], user=request.user
            )
        except REFUSALS as error:
            show_refusal(error, request=request)
        else:
            messages.success(request, _("The answer is recorded."))
    return redirect("assessment:responses", year=response.assessment.year)
