"""Project pages: list and export (everyone, scoped), detail, and the county's edits."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiangmen_edu import uploads, workflow
from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.models import Role, Section
from jiangmen_edu.permissions import ALL_ROLES, allow, get_scoped_or_404
from jiangmen_edu.record_lists import Column, export, table_rows, with_filters
from jiangmen_edu.views import paginate
from seats import selectors, services
from seats.forms import EvidenceForm, ProjectForm, ProjectYearForm
from seats.models import Project, ProjectEvidence, ProjectYear


def _project_url(project: Project) -> str:
    return reverse("seats:project_detail", kwargs={"pk": project.pk})


def _columns(year: int | None) -> list[Column]:
    """The list page's and its export's columns; a chosen year adds its own two."""
    columns = [
        Column(_("Unit"), lambda p: p.unit.name),
        Column(_("Project number"), lambda p: p.code),
        Column(_("Project name"), lambda p: p.name, link=_project_url),
        Column(_("Kind"), lambda p: p.get_kind_display()),
        Column(_("Stage"), lambda p: p.get_stage_display()),
        Column(_("Township"), lambda p: p.township.name if p.township else ""),
        Column(_("Status"), lambda p: p.get_status_display()),
        Column(_("Seats planned"), lambda p: p.seats_planned, numeric=True),
        Column(_("Seats delivered to date"), lambda p: p.delivered, numeric=True),
    ]
    if year is not None:
        columns += [
            Column(_("Planned in %(year)s") % {"year": year}, lambda p: p.planned_in_year, True),
            Column(
                _("Delivered in %(year)s") % {"year": year}, lambda p: p.delivered_in_year, True
            ),
        ]
    columns += [
        Column(_("Boarding seats planned"), lambda p: p.boarding_planned, numeric=True),
        Column(_("Boarding seats delivered"), lambda p: p.boarding_delivered, numeric=True),
        Column(_("Start date"), lambda p: p.start_date),
        Column(_("Planned completion"), lambda p: p.planned_completion),
        Column(_("Completed on"), lambda p: p.completed_on),
        Column(_("Evidence files"), lambda p: p.evidence_count, numeric=True),
    ]
    return columns


@allow(ALL_ROLES)
def project_list(request):
    selection = selectors.select_projects(request.user, request.GET)
    page = paginate(request, selection.rows)
    columns = _columns(selection.filters.chosen_year)
    return render(
        request,
        "seats/project_list.html",
        {
            "title": _("Seat projects"),
            "filters": selection.filters,
            "page": page,
            "columns": columns,
            "rows": table_rows(page, columns, data=lambda p: {"project": p.code}),
            "export_url": with_filters(request, reverse("seats:project_export")),
            "list_url": reverse("seats:project_list"),
            "can_add": request.user.role == Role.COUNTY_EDITOR,
        },
    )


@allow(ALL_ROLES)
def project_export(request):
    """The same rows as the list, all pages, through the same selector."""
    selection = selectors.select_projects(request.user, request.GET)
    return export(_("Seat projects"), _columns(selection.filters.chosen_year), selection)


def _project(request, pk) -> Project:
    return get_scoped_or_404(selectors.projects_queryset(), request.user, pk=pk)


def _form_years() -> list[int]:
    """Years up to the latest opened one take deliveries; later ones planned figures only."""
    return selectors.entry_years(selectors.opened_years(), future=True)


@allow(ALL_ROLES)
def project_detail(request, pk):
    project = _project(request, pk)
    can_edit = request.user.role == Role.COUNTY_EDITOR
    return render(
        request,
        "seats/project_detail.html",
        {
            "project": project,
            "years": project.years.all(),
            "evidence": project.evidence.select_related("uploaded_by"),
            "can_edit": can_edit,
            "evidence_form": EvidenceForm(),
            "lock_reason": workflow.lock_reason_for(
                unit=project.unit, year=services.return_year(), section=Section.SEATS
            )
            if can_edit
            else "",
            "locked_years": workflow.locked_years(unit=project.unit, section=Section.SEATS)
            if can_edit
            else set(),
        },
    )


def _save_project(request, form, project=None):
    try:
        if project is None:
            return services.project_create(user=request.user, **form.cleaned_data)
        return services.project_update(user=request.user, project=project, **form.cleaned_data)
    except REFUSALS as error:
        show_refusal(error, form=form)
    return None


@allow(Role.COUNTY_EDITOR)
def project_add(request):
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        project = _save_project(request, form)
        if project is not None:
            messages.success(request, _("The project has been added."))
            return redirect("seats:project_detail", pk=project.pk)
    return render(
        request,
        "seats/project_form.html",
        {
            "form": form,
            "project": None,
            "lock_reason": workflow.lock_reason_for(
                unit=request.user.unit, year=services.return_year(), section=Section.SEATS
            ),
        },
    )


@allow(Role.COUNTY_EDITOR)
def project_edit(request, pk):
    project = _project(request, pk)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        if _save_project(request, form, project) is not None:
            messages.success(request, _("The project has been saved."))
            return redirect("seats:project_detail", pk=project.pk)
    return render(
        request,
        "seats/project_form.html",
        {
            "form": form,
            "project": project,
            "lock_reason": workflow.lock_reason_for(
                unit=project.unit, year=services.return_year(), section=Section.SEATS
            ),
        },
    )


@allow(Role.COUNTY_EDITOR)
@require_POST
def project_delete(request, pk):
    project = _project(request, pk)
    try:
        services.project_delete(user=request.user, project=project)
    except REFUSALS as error:
        show_refusal(error, request=request)
        return redirect("seats:project_detail", pk=project.pk)
    messages.success(request, _("The project has been deleted."))
    return redirect("seats:project_list")


@allow(Role.COUNTY_EDITOR)
def project_year(request, pk):
    """Record a project's seats planned and delivered in one year (?year= picks the row)."""
    project = _project(request, pk)
    years = _form_years()
    wanted = request.GET.get("year", "")
    existing = project.years.filter(year=int(wanted)).first() if wanted.isdigit() else None
    initial = {"year": int(wanted)} if wanted.isdigit() else {}
    if existing is not None:
        initial.update({f: getattr(existing, f) for f in services.projects.YEAR_FIGURES})
    form = ProjectYearForm(request.POST or None, years=years, initial=initial)
    if request.method == "POST" and form.is_valid():
        figures = dict(form.cleaned_data)
        year = figures.pop("year")
        try:
            services.project_year_save(user=request.user, project=project, year=year, **figures)
        except REFUSALS as error:
            show_refusal(error, form=form)
        else:
            messages.success(
                request, _("The figures of %(year)s have been saved.") % {"year": year}
            )
            return redirect("seats:project_detail", pk=project.pk)
    return render(
        request,
        "seats/project_year_form.html",
        {
            "form": form,
            "project": project,
            "locked_years": workflow.locked_years(unit=project.unit, section=Section.SEATS),
        },
    )


@allow(Role.COUNTY_EDITOR)
@require_POST
def project_year_delete(request, pk):
    row = get_scoped_or_404(
        ProjectYear.objects.select_related("project__unit"),
        request.user,
        unit_field="project__unit",
        pk=pk,
    )
    try:
        services.project_year_delete(user=request.user, project_year=row)
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(
            request, _("The figures of %(year)s have been deleted.") % {"year": row.year}
        )
    return redirect("seats:project_detail", pk=row.project_id)


@allow(Role.COUNTY_EDITOR)
@require_POST
def evidence_upload(request, pk):
    project = _project(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("seats:project_detail", pk=project.pk)
    try:
        services.evidence_add(
            user=request.user,
            project=project,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        )
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("The file has been attached."))
    return redirect("seats:project_detail", pk=project.pk)


def _evidence(request, pk) -> ProjectEvidence:
    return get_scoped_or_404(
        ProjectEvidence.objects.select_related("project__unit"),
        request.user,
        unit_field="project__unit",
        pk=pk,
    )


@allow(ALL_ROLES)
def evidence_download(request, pk):
    """Evidence is served only here, after the scope check: never from a public media URL."""
    evidence = _evidence(request, pk)
    return uploads.download(evidence.file, evidence.original_name)


@allow(Role.COUNTY_EDITOR)
@require_POST
def evidence_delete(request, pk):
    evidence = _evidence(request, pk)
    try:
        services.evidence_delete(user=request.user, evidence=evidence)
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("The file has been removed."))
    return redirect("seats:project_detail", pk=evidence.project_id)
