"""The ledger's record pages (see `jiangmen_edu.record_views`).

Only a county editor writes, for their own unit; a record of a year whose teachers return is
submitted or approved shows read-only, with the reason, and its services refuse to change it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse

from jiangmen_edu import workflow
from jiangmen_edu.models import Role, Section
from jiangmen_edu.record_views import RecordPages
from teachers import forms, lists, services


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
    TeacherPages(
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
