"""The quota table (every role reads it) and plan periods (city administrators change them)."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.imports.reading import FileRejected
from jiangmen_edu.imports.views import xlsx_download
from jiangmen_edu.imports.workbook import MAX_UPLOAD_BYTES
from jiangmen_edu.imports.workbooks import template_workbook
from jiangmen_edu.models import Role, Unit
from jiangmen_edu.permissions import ALL_ROLES, allow
from seats import selectors, services
from seats.datasets import QUOTA, read_quota_file
from seats.forms import PeriodForm, QuotaTableForm, QuotaUploadForm
from seats.models import PlanPeriod

SIGNING_SALT = "seats.quota-import"


@allow(ALL_ROLES)
def quota_table(request, period_id=None):
    """The published quota table is policy text, so every role sees all its rows."""
    periods = selectors.plan_periods()
    period = get_object_or_404(periods, pk=period_id) if period_id else periods.first()
    return render(
        request,
        "seats/quota_table.html",
        {
            "periods": periods,
            "table": selectors.quota_table(period) if period else None,
            "can_admin": request.user.role == Role.CITY_ADMIN,
        },
    )


@allow(Role.CITY_ADMIN)
def period_add(request):
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_create(user=request.user, **form.cleaned_data)
        except REFUSALS as error:
            show_refusal(error, form=form)
        else:
            messages.success(request, _("The plan period has been added; enter its quotas now."))
            return redirect("seats:period_edit", pk=period.pk)
    return render(request, "seats/period_form.html", {"form": form, "period": None})


@allow(Role.CITY_ADMIN)
def period_edit(request, pk):
    """The period's name, years and city target, and its whole quota table."""
    period = get_object_or_404(PlanPeriod, pk=pk)
    units = list(Unit.objects.order_by("order", "code"))
    quotas = {quota.unit_id: quota for quota in period.quotas.all()}
    data = request.POST or None
    form = PeriodForm(data, instance=period, prefix="period")
    table = QuotaTableForm(data, units=units, quotas=quotas, prefix="quota")
    if request.method == "POST" and form.is_valid() and table.is_valid():
        try:
            services.period_update(user=request.user, period=period, **form.cleaned_data)
            services.quotas_save(user=request.user, period=period, rows=table.figures())
        except REFUSALS as error:
            show_refusal(error, form=table)
        else:
            messages.success(request, _("The quota table has been saved."))
            return redirect("seats:quota_table_period", period_id=period.pk)
    return render(
        request,
        "seats/period_form.html",
        {"form": form, "table": table, "period": period, "columns": selectors.COLUMNS},
    )


@allow(Role.CITY_ADMIN)
def quota_template(request, pk):
    period = get_object_or_404(PlanPeriod, pk=pk)
    context = QUOTA.prepare(unit=Unit(name=period.name), year=period.start_year)
    return xlsx_download(template_workbook(QUOTA, context), f"{QUOTA.title}-{period.name}.xlsx")


@allow(Role.CITY_ADMIN)
def quota_import(request, pk):
    """Upload → preview with row errors → confirm; the table is written whole or not at all.

    The checked rows travel signed in the confirmation form, so the confirmation writes
    exactly what the preview showed without storing the file.
    """
    period = get_object_or_404(PlanPeriod, pk=pk)
    form = QuotaUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and "payload" in request.POST:
        try:
            payload = signing.loads(request.POST["payload"], salt=SIGNING_SALT, max_age=3600)
            if payload["period"] != period.pk:
                raise signing.BadSignature
            rows = payload["rows"]
        except signing.BadSignature:
            messages.error(request, _("The preview has expired; please upload the file again."))
            return redirect("seats:quota_import", pk=period.pk)
        units = Unit.objects.in_bulk([row["unit_id"] for row in rows])
        try:
            written = services.quotas_save(
                user=request.user,
                period=period,
                rows={units[row["unit_id"]]: row for row in rows},
            )
        except REFUSALS as error:
            show_refusal(error, request=request)
            return redirect("seats:quota_import", pk=period.pk)
        messages.success(
            request, _("%(count)s quota rows have been imported.") % {"count": written}
        )
        return redirect("seats:quota_table_period", period_id=period.pk)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is too large."))
        else:
            try:
                preview = read_quota_file(upload)
            except FileRejected as error:
                form.add_error("file", str(error))
    units = {unit.pk: unit for unit in Unit.objects.all()}
    return render(
        request,
        "seats/quota_import.html",
        {
            "period": period,
            "form": form,
            "preview": preview,
            "preview_rows": [(units[row["unit_id"]], row) for row in preview.rows]
            if preview
            else [],
            "payload": signing.dumps({"period": period.pk, "rows": preview.rows}, salt=SIGNING_SALT)
            if preview and not preview.errors
            else "",
        },
    )
