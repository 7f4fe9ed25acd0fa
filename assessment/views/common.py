"""Lookups the assessment pages share: the year, the county in the user's scope, the run the
user may see, and a posted form's errors as page messages."""

from django.contrib import messages
from django.shortcuts import get_object_or_404

from assessment.models import AssessmentYear, ScoreRun
from assessment.services import latest_run
from jiangmen_edu.models import Role, Unit, User
from jiangmen_edu.permissions import counties_for_user


def assessment_or_404(year: int) -> AssessmentYear:
    return get_object_or_404(AssessmentYear, year=year)


def county_or_404(user: User, code: str) -> Unit:
    """An assessed county the user may see: another county is a 404 for an editor."""
    return get_object_or_404(counties_for_user(user).filter(kind=Unit.Kind.COUNTY), code=code)


def visible_run(assessment: AssessmentYear, user: User) -> ScoreRun | None:
    """The run a user sees: a county sees the draft (latest run) before publication and then
    only the published result; the city sees the latest run."""
    if user.role == Role.COUNTY_EDITOR and assessment.status == AssessmentYear.Status.PUBLISHED:
        return latest_run(assessment, published_only=True)
    return latest_run(assessment, published_only=False)


def flash_form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))
