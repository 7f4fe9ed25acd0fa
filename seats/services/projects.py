"""Writes to seat projects, their yearly figures and their evidence files
(docs/rules.md#seat-records, docs/rules.md#evidence).

Locks (see `seats.services.locks`): a project's description and files belong to the latest
opened year's return; a year's figures to that year's. Changing what a project *is* (its kind
or stage) or deleting it changes how approved figures count, so every year with figures must
be editable too.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu import uploads
from jiangmen_edu.models import School, Township, Unit, User
from jiangmen_edu.permissions import editor_unit
from seats.models import (
    Project,
    ProjectEvidence,
    ProjectStatus,
    ProjectYear,
)
from seats.selectors.quotas import opened_years
from seats.services.locks import (
    current_year,
    ensure_current_editable,
    ensure_governing_years_editable,
)

PROJECT_FIELDS = (
    "code",
    "name",
    "kind",
    "stage",
    "township",
    "school",
    "seats_planned",
    "boarding_planned",
    "status",
    "start_date",
    "planned_completion",
    "completed_on",
    "notes",
)
STRUCTURAL_FIELDS = ("kind", "stage")
YEAR_FIGURES = ("seats_planned", "seats_delivered", "boarding_planned", "boarding_delivered")
COMPLETED_NEEDS_DATE = gettext_lazy("A completed project needs its completion date.")
DELIVERY_IN_OPENED_YEAR = gettext_lazy(
    "Seats cannot be delivered in a year the city has not opened for returns yet."
)


def _years_with_figures(project: Project) -> set[int]:
    return set(project.years.values_list("year", flat=True))


def project_errors(unit: Unit, values: dict) -> dict[str, str]:
    """Rules of one project a form cannot check alone, by field; {} when it keeps them all.

    The township and school are the unit's own; a completed project has its date, not
    before its start. `project_apply` refuses what breaks them, and the import's preview
    reports the same errors per row.
    """
    errors = {}
    township: Township | None = values.get("township")
    school: School | None = values.get("school")
    if township is not None and township.unit_id != unit.pk:
        errors["township"] = _("This township is not in your unit.")
    if school is not None and school.unit_id != unit.pk:
        errors["school"] = _("This school is not in your unit.")
    start, done = values.get("start_date"), values.get("completed_on")
    if values.get("status") == ProjectStatus.COMPLETED and not done:
        errors["completed_on"] = str(COMPLETED_NEEDS_DATE)
    elif start and done and done < start:
        errors["completed_on"] = _("The project cannot be completed before it starts.")
    return errors


def check_project(unit: Unit, values: dict) -> None:
    errors = project_errors(unit, values)
    if errors:
        raise ValidationError(errors)


def project_apply(*, unit: Unit, values: dict, project: Project | None = None) -> Project:
    """Create or change a project; the caller holds a transaction."""
    check_project(unit, values)
    if project is None:
        ensure_current_editable(unit)
        project = Project(unit=unit)
    else:
        project = Project.objects.select_for_update().get(pk=project.pk)
        structural = any(
            field in values and values[field] != getattr(project, field)
            for field in STRUCTURAL_FIELDS
        )
        years = _years_with_figures(project) if structural else set()
        ensure_governing_years_editable(unit, years | {current_year()})
    for field in PROJECT_FIELDS:
        if field in values:
            setattr(project, field, values[field])
    project.full_clean()
    project.save()
    return project


def project_create(*, user: User, **values) -> Project:
    unit = editor_unit(user)
    with transaction.atomic():
        return project_apply(unit=unit, values=values)


def project_update(*, user: User, project: Project, **values) -> Project:
    unit = editor_unit(user, project.unit)
    with transaction.atomic():
        return project_apply(unit=unit, values=values, project=project)


def _delete_files(names: list[str]) -> None:
    storage = ProjectEvidence._meta.get_field("file").storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def project_delete(*, user: User, project: Project) -> None:
    """Delete a project with its yearly figures and files; every such year must be open."""
    unit = editor_unit(user, project.unit)
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        ensure_governing_years_editable(unit, _years_with_figures(project) | {current_year()})
        names = list(project.evidence.values_list("file", flat=True))
        project.delete()
        _delete_files(names)


def project_year_apply(*, project: Project, year: int, figures: dict) -> ProjectYear | None:
    """Set a project's figures for one year; all zeros removes the row. Caller holds a
    transaction. Delivered seats count in this year, the year of delivery."""
    opened = opened_years()
    delivered = figures.get("seats_delivered", 0) or figures.get("boarding_delivered", 0)
    if delivered and (not opened or year > opened[-1]):
        raise ValidationError({"year": str(DELIVERY_IN_OPENED_YEAR)})
    ensure_governing_years_editable(project.unit, {year})
    values = {field: int(figures.get(field) or 0) for field in YEAR_FIGURES}
    if not any(values.values()):
        ProjectYear.objects.filter(project=project, year=year).delete()
        return None
    row, _created = ProjectYear.objects.update_or_create(
        project=project, year=year, defaults=values
    )
    return row


def project_year_save(*, user: User, project: Project, year: int, **figures) -> ProjectYear | None:
    """A county editor records a project's planned and delivered seats for one year."""
    editor_unit(user, project.unit)
    with transaction.atomic():
        return project_year_apply(project=project, year=year, figures=figures)


def project_year_delete(*, user: User, project_year: ProjectYear) -> None:
    editor_unit(user, project_year.project.unit)
    with transaction.atomic():
        ensure_governing_years_editable(project_year.project.unit, {project_year.year})
        ProjectYear.objects.filter(pk=project_year.pk).delete()


def evidence_add(*, user: User, project: Project, upload, description: str = "") -> ProjectEvidence:
    """Attach a file to a project, checked by `jiangmen_edu.uploads`; it is stored under a
    random name of ours, outside any public URL, and the user's name is kept for downloads."""
    unit = editor_unit(user, project.unit)
    name, _kind = uploads.check_upload(upload)
    with transaction.atomic():
        ensure_current_editable(unit)
        evidence = ProjectEvidence(
            project=project,
            original_name=name,
            size=upload.size,
            description=description.strip()[:200],
            uploaded_by=user,
        )
        evidence.file.save(name, upload, save=False)
        try:
            evidence.save()
        except Exception:
            evidence.file.storage.delete(evidence.file.name)
            raise
    return evidence


def evidence_delete(*, user: User, evidence: ProjectEvidence) -> None:
    unit = editor_unit(user, evidence.project.unit)
    with transaction.atomic():
        ensure_current_editable(unit)
        name = evidence.file.name
        ProjectEvidence.objects.filter(pk=evidence.pk).delete()
        _delete_files([name])
