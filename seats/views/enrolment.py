"""Enrolment and restructuring pages, and the township coverage checklist."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiangmen_edu import workflow
from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.exports import xlsx_response
from jiangmen_edu.models import Role, Section
from jiangmen_edu.permissions import ALL_ROLES, allow, counties_for_user, get_scoped_or_404
from seats import selectors, services
from seats.forms import BoardingSchoolForm, EnrolmentForm
from seats.models import BoardingSchool, EnrolmentYear


def _table(request):
    period, year, _opened = selectors.choose_period_and_year(request.GET)
    if period is None:
        return None, None, []
    return (
        period,
        year,
        selectors.enrolment_table(units=counties_for_user(request.user), period=period),
    )


@allow(ALL_ROLES)
def enrolment_list(request):
    period, year, table = _table(request)
    return render(
        request,
        "seats/enrolment_list.html",
        {
            "period": period,
            "year": year,
            "table": table,
            "periods": selectors.plan_periods(),
            "can_edit": request.user.role == Role.COUNTY_EDITOR,
        },
    )


@allow(ALL_ROLES)
def enrolment_export(request):
    _period, _year, table = _table(request)
    headers = [
        _("Unit"),
        _("Year"),
        _("Compulsory students in public schools"),
        _("Students on government-purchased seats"),
        _("Other students in private schools"),
        _("Public share incl. purchased (%)"),
        _("Private seats converted in the year"),
        _("Converted to date"),
        _("Private seats to convert (quota)"),
        _("Completion (%)"),
        _("Boarding-seat target"),
        _("Boarding seats completed"),
        _("Resident population"),
    ]
    rows = []
    for unit_row in table:
        for cell in unit_row.cells:
            record = cell.record
            rows.append(
                [
                    unit_row.unit.name,
                    cell.year,
                    record.public_students if record else None,
                    record.purchased_students if record else None,
                    record.private_students if record else None,
                    round(cell.share_percent, 2) if cell.share_percent is not None else None,
                    record.private_seats_converted if record else None,
                    cell.converted_to_date,
                    cell.to_convert,
                    round(cell.completion_percent, 2),
                    record.boarding_target if record else None,
                    record.boarding_completed if record else None,
                    record.population if record else None,
                ]
            )
    name = _("Enrolment and restructuring")
    return xlsx_response(f"{name}-{timezone.localdate():%Y%m%d}.xlsx", headers, rows)


@allow(Role.COUNTY_EDITOR)
def enrolment_edit(request):
    """The unit's figures for one opened year (?year=, default the latest)."""
    unit = request.user.unit
    opened = selectors.opened_years()
    if not opened:
        return render(
            request,
            "seats/enrolment_form.html",
            {
                "form": None,
                "unit": unit,
                "years": [],
                "lock_reason": workflow.lock_reason_for(
                    unit=unit, year=services.return_year(), section=Section.SEATS
                ),
            },
        )
    params = request.POST if request.method == "POST" else request.GET
    year_text = params.get("year", "")
    years = selectors.entry_years(opened)
    year = int(year_text) if year_text.isdigit() and int(year_text) in years else opened[-1]
    record = EnrolmentYear.objects.filter(unit=unit, year=year).first()
    form = EnrolmentForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrolment_save(user=request.user, year=year, **form.cleaned_data)
        except REFUSALS as error:
            show_refusal(error, form=form)
        else:
            messages.success(
                request, _("The figures of %(year)s have been saved.") % {"year": year}
            )
            return redirect("seats:enrolment_list")
    return render(
        request,
        "seats/enrolment_form.html",
        {
            "form": form,
            "year": year,
            "years": years,
            "unit": unit,
            "lock_reason": workflow.lock_reason_for(
                unit=unit, year=services.return_year(year), section=Section.SEATS
            ),
        },
    )


@allow(ALL_ROLES)
def coverage(request):
    """The checklist for every unit the user may see (the city) or their own (a county)."""
    _period, year, _opened = selectors.choose_period_and_year(request.GET)
    units = counties_for_user(request.user).filter(kind="county")
    return render(
        request,
        "seats/coverage.html",
        {"rows": selectors.coverage(units=units, year=year), "year": year},
    )


@allow(ALL_ROLES)
def coverage_unit(request, code):
    unit = get_object_or_404(counties_for_user(request.user), code=code)
    _period, year, _opened = selectors.choose_period_and_year(request.GET)
    (row,) = selectors.coverage(units=[unit], year=year)
    can_edit = request.user.role == Role.COUNTY_EDITOR and request.user.unit_id == unit.pk
    return render(
        request,
        "seats/coverage_unit.html",
        {
            "row": row,
            "unit": unit,
            "year": year,
            "can_edit": can_edit,
            "boarding_form": BoardingSchoolForm(user=request.user) if can_edit else None,
            "boarding_schools": BoardingSchool.objects.filter(school__unit=unit).select_related(
                "school__township"
            ),
            "lock_reason": workflow.lock_reason_for(
                unit=unit, year=services.return_year(), section=Section.SEATS
            )
            if can_edit
            else "",
        },
    )


@allow(Role.COUNTY_EDITOR)
@require_POST
def boarding_add(request):
    form = BoardingSchoolForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.boarding_school_set(user=request.user, **form.cleaned_data)
        except REFUSALS as error:
            show_refusal(error, request=request)
        else:
            messages.success(request, _("The boarding school has been recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("seats:coverage_unit", code=request.user.unit.code)


@allow(Role.COUNTY_EDITOR)
@require_POST
def boarding_remove(request, pk):
    boarding = get_scoped_or_404(
        BoardingSchool.objects.select_related("school__unit"),
        request.user,
        unit_field="school__unit",
        pk=pk,
    )
    try:
        services.boarding_school_remove(user=request.user, boarding=boarding)
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("The school is no longer counted as a boarding school."))
    return redirect("seats:coverage_unit", code=boarding.school.unit.code)
