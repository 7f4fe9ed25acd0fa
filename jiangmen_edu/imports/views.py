"""Import pages: template download, upload with preview, confirm, rejected rows."""

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiangmen_edu.errors import Refused, show_refusal
from jiangmen_edu.imports import datasets, services
from jiangmen_edu.imports.forms import UploadForm
from jiangmen_edu.models import ImportBatch, ReportingYear, Role
from jiangmen_edu.permissions import allow, get_scoped_or_404, scope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ERRORS_SHOWN = 500
PREVIEW_ROWS_SHOWN = 20


def _dataset_or_404(slug: str) -> datasets.Dataset:
    dataset = datasets.get(slug)
    if dataset is None:
        raise Http404
    return dataset


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@allow(Role.COUNTY_EDITOR)
def import_index(request):
    latest = ReportingYear.objects.order_by("-year").first()
    return render(
        request,
        "imports/index.html",
        {
            "datasets": datasets.all_datasets(),
            "year": latest.year if latest else None,
            "batches": scope(ImportBatch.objects.select_related("user"), request.user).defer(
                "rows", "rejected_raw"
            )[:20],
        },
    )


@allow(Role.COUNTY_EDITOR)
def template_download(request, slug):
    dataset = _dataset_or_404(slug)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        latest = ReportingYear.objects.order_by("-year").first()
        year = latest.year if latest else 0
    content = services.template_for(dataset=dataset, unit=request.user.unit, year=year)
    return xlsx_download(content, f"{dataset.title}-{request.user.unit.name}-{year}.xlsx")


@allow(Role.COUNTY_EDITOR)
def upload(request, slug):
    dataset = _dataset_or_404(slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            batch = services.import_preview(
                dataset=dataset,
                unit=request.user.unit,
                year=form.cleaned_data["year"],
                file=upload_file,
                filename=upload_file.name,
                user=request.user,
            )
        except Refused as error:
            form.add_error("file", str(error))
        else:
            return redirect("imports:preview", pk=batch.pk)
    return render(request, "imports/upload.html", {"dataset": dataset, "form": form})


def _batch(request, pk) -> tuple[ImportBatch, datasets.Dataset]:
    batch = get_scoped_or_404(ImportBatch.objects.select_related("unit"), request.user, pk=pk)
    return batch, _dataset_or_404(batch.dataset)


@allow(Role.COUNTY_EDITOR)
def preview(request, pk):
    batch, dataset = _batch(request, pk)
    sample = [
        [column.show(row.get(column.key)) for column in dataset.columns]
        for row in batch.rows[:PREVIEW_ROWS_SHOWN]
    ]
    return render(
        request,
        "imports/preview.html",
        {
            "batch": batch,
            "dataset": dataset,
            "errors": batch.errors[:PREVIEW_ERRORS_SHOWN],
            "errors_cut": batch.error_count > PREVIEW_ERRORS_SHOWN,
            "headers": [column.header for column in dataset.columns],
            "sample": sample,
            "ok_rows": len(batch.rows),
        },
    )


@allow(Role.COUNTY_EDITOR)
@require_POST
def commit(request, pk):
    batch, dataset = _batch(request, pk)
    try:
        written = services.import_commit(batch=batch, dataset=dataset, user=request.user)
    except Refused as error:
        show_refusal(error, request=request)
        if batch.status == ImportBatch.Status.REFUSED:
            # Nothing more can happen to this file; the next step is to upload it again.
            return redirect("imports:upload", slug=dataset.slug)
        return redirect("imports:preview", pk=batch.pk)
    messages.success(
        request,
        _("%(count)s rows of “%(dataset)s” have been imported.")
        % {"count": written, "dataset": dataset.title},
    )
    return redirect("imports:index")


@allow(Role.COUNTY_EDITOR)
@require_POST
def discard(request, pk):
    batch, _dataset = _batch(request, pk)
    services.import_discard(batch=batch, user=request.user)
    return redirect("imports:index")


@allow(Role.COUNTY_EDITOR)
def rejected(request, pk):
    batch, dataset = _batch(request, pk)
    if batch.status != ImportBatch.Status.PREVIEWED:
        # Its rows were deleted with the preview.
        raise Http404
    return xlsx_download(
        services.rejected_file(batch=batch, dataset=dataset),
        _("%(dataset)s-rejected-rows.xlsx") % {"dataset": dataset.title},
    )
