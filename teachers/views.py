"""The ledger's record pages (see `jiangmen_edu.record_views`), and on the researchers' page the
county's statement that it has none.

Only a county editor writes, for their own unit; a record of a year whose teachers return is
submitted or approved shows read-only, with the reason, and its services refuse to change it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiangmen_edu import workflow
from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.models import Role, Section, YearlyReturn
from jiangmen_edu.permissions import allow, counties_for_user, get_scoped_or_404
from jiangmen_edu.record_views import RecordPages
from teachers import forms, lists, services
from teachers.models import NoResearchersStatement
from teachers.selectors.researchers import no_researchers_statements


@dataclass(frozen=True)
class TeacherPages(RecordPages):
    # The reporting year whose return locks the record.
    year_of: Callable[[Any], int]

    namespace = "teachers"
    write_roles = frozenset({Role.COUNTY_EDITOR})
    opens_read_only = True

    def get_object(self, request, pk: int):
        return get_object_or_404(self.listing.rows(request.user), pk=pk)

    def can_edit_row(self, request) -> Callable[[Any], bool]:
        """The editor changes a row unless its year's return locks it; the list then offers
        "View", the record read-only with the reason."""
        locked = workflow.locked_years(unit=request.user.unit, section=Section.TEACHERS)
        return lambda row: self.year_of(row) not in locked

    def service_kwargs(self, form) -> dict[str, Any]:
        return form.cleaned_data

    def lock_reason(self, request, record) -> str:
        return workflow.lock_reason_for(
            unit=request.user.unit, year=self.year_of(record), section=Section.TEACHERS
        )

    def refused_delete_url(self, record) -> str:
        # Back to the record, whose page says why it is locked.
        return reverse(self.url("edit"), kwargs={"pk": record.pk})


@dataclass(frozen=True)
class ResearcherPages(TeacherPages):
    """The researchers' page: their yearly duties, and the county's statement that it has no
    teaching researchers in a year (docs/rules.md#i-11)."""

    list_template: ClassVar[str] = "teachers/researcher_duty_list.html"

    def list_context(self, request) -> dict[str, Any]:
        user = request.user
        statements = list(no_researchers_statements(counties_for_user(user)))
        if user.role != Role.COUNTY_EDITOR:
            return {"no_researchers": {"statements": [(s, False) for s in statements]}}
        editable = _editable_years(user)
        stated = {s.year for s in statements}
        return {
            "no_researchers": {
                "statements": [(s, s.year in editable) for s in statements],
                "form": forms.NoResearchersForm(years=sorted(editable - stated)),
            }
        }


def _editable_years(user) -> set[int]:
    """The years whose teachers return the county editor may still change. One query."""
    return set(
        YearlyReturn.objects.filter(
            unit_id=user.unit_id,
            section=Section.TEACHERS,
            status__in=YearlyReturn.Status.EDITABLE,
        ).values_list("reporting_year__year", flat=True)
    )


@allow(Role.COUNTY_EDITOR)
@require_POST
def no_researchers_state(request):
    """The county editor states that the county has no teaching researchers in a year."""
    # The service checks the year's return again, under its lock.
    form = forms.NoResearchersForm(request.POST, years=sorted(_editable_years(request.user)))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("teachers:researcher_duty_list")
    try:
        services.no_researchers_state(user=request.user, **form.cleaned_data)
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("The statement has been recorded."))
    return redirect("teachers:researcher_duty_list")


@allow(Role.COUNTY_EDITOR)
@require_POST
def no_researchers_clear(request, pk):
    """The county editor withdraws the statement; another county's is a 404."""
    statement = get_scoped_or_404(NoResearchersStatement.objects.all(), request.user, pk=pk)
    try:
        services.no_researchers_clear(user=request.user, statement=statement)
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("The statement has been withdrawn."))
    return redirect("teachers:researcher_duty_list")


PAGES = (
    TeacherPages(
        listing=lists.ROSTER,
        form_class=forms.StaffYearForm,
        create=services.staff_year_create,
        update=services.staff_year_update,
        delete=services.staff_year_delete,
        instance_kwarg="staff_year",
        path="roster",
        year_of=lambda r: r.year,
    ),
    TeacherPages(
        listing=lists.TRAINING,
        form_class=forms.TrainingRecordForm,
        create=services.training_create,
        update=services.training_update,
        delete=services.training_delete,
        instance_kwarg="training",
        path="training",
        year_of=lambda r: r.date.year,
    ),
    TeacherPages(
        listing=lists.TALENT_TITLES,
        form_class=forms.TalentTitleForm,
        create=services.talent_title_create,
        update=services.talent_title_update,
        delete=services.talent_title_delete,
        instance_kwarg="talent_title",
        path="talent-titles",
        year_of=lambda r: r.year,
    ),
    TeacherPages(
        listing=lists.APPOINTMENTS,
        form_class=forms.PrincipalAppointmentForm,
        create=services.appointment_create,
        update=services.appointment_update,
        delete=services.appointment_delete,
        instance_kwarg="appointment",
        path="appointments",
        year_of=lambda r: r.start_date.year,
    ),
    TeacherPages(
        listing=lists.PRINCIPAL_SEMESTERS,
        form_class=forms.PrincipalSemesterForm,
        create=services.principal_semester_create,
        update=services.principal_semester_update,
        delete=services.principal_semester_delete,
        instance_kwarg="principal_semester",
        path="principal-semesters",
        year_of=lambda r: r.year,
    ),
    ResearcherPages(
        listing=lists.RESEARCHER_DUTIES,
        form_class=forms.ResearcherDutyForm,
        create=services.researcher_duty_create,
        update=services.researcher_duty_update,
        delete=services.researcher_duty_delete,
        instance_kwarg="researcher_duty",
        path="researcher-duties",
        year_of=lambda r: r.year,
    ),
)
