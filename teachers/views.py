"""The ledger's record pages: for each kind of record a list (with its xlsx export), an add
page, an edit page and a POST-only delete.

The six kinds differ only in their listing, form and services, so the five views are built
once per kind by the factories below (`RecordPages`). Every view declares its roles with
`allow`: everyone reads, scoped to their units; only a county editor writes, for their own
unit. Another county's record is a 404.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiangmen_edu.exports import xlsx_response
from jiangmen_edu.models import Role
from jiangmen_edu.permissions import ALL_ROLES, allow, get_scoped_or_404
from jiangmen_edu.views import paginate
from jiangmen_edu.workflow import WorkflowError
from teachers import forms, lists, services

ACTIONS = ("list", "export", "add", "edit", "delete")


@dataclass(frozen=True)
class RecordPages:
    listing: lists.Listing
    form_class: type[forms.RecordForm]
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., None]
    # The keyword the update and delete services take the record by.
    instance_kwarg: str
    # Where the pages live under /teachers/.
    path: str

    def url(self, action: str) -> str:
        return f"teachers:{self.listing.slug}_{action}"

    @property
    def urls(self) -> dict[str, str]:
        """URL names for the templates: `{% url pages.urls.edit row.pk %}`."""
        return {action: self.url(action) for action in ACTIONS}

    def get_object(self, request, pk: int):
        listing = self.listing
        return get_scoped_or_404(
            listing.queryset(), request.user, unit_field=listing.unit_field, pk=pk
        )


PAGES = (
    RecordPages(
        listing=lists.ROSTER,
        form_class=forms.StaffYearForm,
        create=services.staff_year_create,
        update=services.staff_year_update,
        delete=services.staff_year_delete,
        instance_kwarg="staff_year",
        path="roster",
    ),
    RecordPages(
        listing=lists.TRAINING,
        form_class=forms.TrainingRecordForm,
        create=services.training_create,
        update=services.training_update,
        delete=services.training_delete,
        instance_kwarg="training",
        path="training",
    ),
    RecordPages(
        listing=lists.TALENT_TITLES,
        form_class=forms.TalentTitleForm,
        create=services.talent_title_create,
        update=services.talent_title_update,
        delete=services.talent_title_delete,
        instance_kwarg="talent_title",
        path="talent-titles",
    ),
    RecordPages(
        listing=lists.APPOINTMENTS,
        form_class=forms.PrincipalAppointmentForm,
        create=services.appointment_create,
        update=services.appointment_update,
        delete=services.appointment_delete,
        instance_kwarg="appointment",
        path="appointments",
    ),
    RecordPages(
        listing=lists.PRINCIPAL_SEMESTERS,
        form_class=forms.PrincipalSemesterForm,
        create=services.principal_semester_create,
        update=services.principal_semester_update,
        delete=services.principal_semester_delete,
        instance_kwarg="principal_semester",
        path="principal-semesters",
    ),
    RecordPages(
        listing=lists.RESEARCHER_DUTIES,
        form_class=forms.ResearcherDutyForm,
        create=services.researcher_duty_create,
        update=services.researcher_duty_update,
        delete=services.researcher_duty_delete,
        instance_kwarg="researcher_duty",
        path="researcher-duties",
    ),
)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def make_list_view(pages: RecordPages):
    listing = pages.listing

    @allow(ALL_ROLES)
    def view(request):
        selection = listing.select(request.user, request.GET)
        page = paginate(request, selection.rows)
        can_edit = request.user.role == Role.COUNTY_EDITOR
        locked = services.locked_years(unit=request.user.unit) if can_edit else set()
        numeric = [column.numeric for column in listing.columns]
        year_of = listing.year_of
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "teachers/record_list.html",
            {
                "listing": listing,
                "pages": pages,
                "selection": selection,
                "page": page,
                "rows": [
                    (
                        row,
                        list(zip(listing.values(row), numeric, strict=True)),
                        year_of(row) in locked,
                    )
                    for row in page
                ],
                "can_edit": can_edit,
                "export_query": query.urlencode(),
            },
        )

    return view


def make_export_view(pages: RecordPages):
    listing = pages.listing

    @allow(ALL_ROLES)
    def view(request):
        selection = listing.select(request.user, request.GET)
        filename = f"{listing.title}-{timezone.localdate():%Y%m%d}.xlsx"
        return xlsx_response(
            filename,
            listing.headers,
            (listing.values(row) for row in selection.rows.iterator(chunk_size=2000)),
        )

    return view


def _render_form(request, pages: RecordPages, form, record=None, lock_reason: str = ""):
    if lock_reason:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "teachers/record_form.html",
        {
            "listing": pages.listing,
            "pages": pages,
            "form": form,
            "record": record,
            "lock_reason": lock_reason,
        },
    )


def make_add_view(pages: RecordPages):
    @allow(Role.COUNTY_EDITOR)
    def view(request):
        form = pages.form_class(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                pages.create(user=request.user, **form.cleaned_data)
            except WorkflowError as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The record has been added."))
                return redirect(pages.url("list"))
        return _render_form(request, pages, form)

    return view


def make_edit_view(pages: RecordPages):
    @allow(Role.COUNTY_EDITOR)
    def view(request, pk):
        record = pages.get_object(request, pk)
        year = pages.listing.year_of(record)
        form = pages.form_class(request.POST or None, instance=record, user=request.user)
        if request.method != "POST":
            reason = services.teachers_lock_reason(unit=request.user.unit, year=year)
            return _render_form(request, pages, form, record, reason)
        if form.is_valid():
            try:
                pages.update(
                    user=request.user, **{pages.instance_kwarg: record}, **form.cleaned_data
                )
            except WorkflowError as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The record has been saved."))
                return redirect(pages.url("list"))
        return _render_form(request, pages, form, record)

    return view


def make_delete_view(pages: RecordPages):
    @allow(Role.COUNTY_EDITOR)
    @require_POST
    def view(request, pk):
        record = pages.get_object(request, pk)
        try:
            pages.delete(user=request.user, **{pages.instance_kwarg: record})
        except WorkflowError as error:
            messages.error(request, str(error))
            return redirect(pages.url("edit"), pk=record.pk)
        messages.success(request, _("The record has been deleted."))
        return redirect(pages.url("list"))

    return view
