"""Preview, then commit: one import path for pages and command line (docs/rules.md#imports).

`import_preview` reads and checks every row and stores the result; nothing of the unit's data
is written. `import_commit` writes all of the checked rows in one transaction, or none.

Every rule that can refuse a file is checked by the preview, so a file the preview calls
ready commits. The commit runs the same rules again, inside its transaction: what it can
still refuse is what another user changed in between (the return was submitted, an
explanation was removed). That refusal is an `ImportRefused` like the preview's, and the
batch is kept as refused, with the reason.
"""

import datetime
import decimal
import logging
from collections.abc import Iterable
from dataclasses import asdict
from typing import IO, Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiangmen_edu.errors import Refused
from jiangmen_edu.imports.datasets import Dataset, RowError, RowInvalid
from jiangmen_edu.imports.reading import FileRejected, read_rows
from jiangmen_edu.imports.workbook import MAX_ROWS
from jiangmen_edu.imports.workbooks import rejected_workbook, template_workbook
from jiangmen_edu.models import ImportBatch, Role, Unit, User
from jiangmen_edu.permissions import require_role, require_unit
from jiangmen_edu.workflow import ensure_editable, lock_reason_for

logger = logging.getLogger(__name__)
# A row error quotes the cell it is about, shortened: enough to find it in the file.
ERROR_VALUE_CHARS = 100


class ImportRefused(Refused):
    """The import cannot go ahead as a whole; the message is for the user.

    A locked return raises the workflow's own `ReturnLocked`; callers catch `Refused`.
    """


# What the preview and the commit raise to refuse a file, with a one-line message for the
# user; callers (the pages, `import_data`) catch these and nothing else.


def _check_actor(user: User | None, unit: Unit) -> None:
    """The command line runs as no user; on the web, only the unit's own editors import."""
    if user is not None:
        require_role(user, {Role.COUNTY_EDITOR})
        require_unit(user, unit)


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _raw_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(_json_safe(value))


def _check_open(dataset: Dataset, unit: Unit, year: int) -> None:
    reason = lock_reason_for(unit=unit, year=year, section=dataset.section)
    if reason:
        raise ImportRefused(reason)


def clean_rows(
    dataset: Dataset, rows: Iterable[tuple[int, dict]], context: Any
) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Parse and clean each (row number, cells) read from a file: the clean rows, an error
    for each cell or row that fails, then the dataset's checks across the clean rows."""
    headers = {column.key: str(column.header) for column in dataset.columns}
    clean: list[tuple[int, dict]] = []
    errors: list[RowError] = []
    for row_number, cells in rows:
        values, cell_errors = dataset.parse_cells(cells)
        if not cell_errors:
            try:
                clean.append((row_number, dataset.clean_row(values, context)))
                continue
            except RowInvalid as invalid:
                cell_errors = invalid.errors
        for key, message in cell_errors.items():
            errors.append(
                RowError(
                    row=row_number,
                    column=headers.get(key, ""),
                    value=_raw_text(cells.get(key))[:ERROR_VALUE_CHARS],
                    message=_("Required.") if message == "required" else message,
                )
            )
    errors.extend(dataset.check_rows(clean, context))
    return clean, errors


def validate_rows(dataset: Dataset, unit: Unit, year: int, file: IO[bytes]):
    """Read and check every row: (clean rows, errors, raw cells of rejected rows, rows read).

    Raises `FileRejected` or `ImportRefused` when the file as a whole cannot be imported.
    """
    sheet = read_rows(dataset, file)
    if len(sheet.rows) > MAX_ROWS:
        raise FileRejected(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    if not sheet.rows:
        raise FileRejected(_("The file has a header but no data rows."))
    context = dataset.prepare(unit=unit, year=year)
    clean, errors = clean_rows(dataset, sheet.rows, context)
    rejected_rows = {error.row for error in errors}
    raw = [
        {"row": number, "cells": {key: _raw_text(value) for key, value in cells.items()}}
        for number, cells in sheet.rows
        if number in rejected_rows
    ]
    rows = [
        {key: _json_safe(value) for key, value in values.items()}
        for number, values in clean
        if number not in rejected_rows
    ]
    if not errors:
        # The checks of the file as a whole see exactly the rows the commit would write.
        refusals = dataset.check_file(rows, context)
        if refusals:
            raise ImportRefused(" ".join(refusals))
    errors.sort(key=lambda error: error.row)
    return rows, errors, raw, len(sheet.rows)


def import_preview(
    *,
    dataset: Dataset,
    unit: Unit,
    year: int,
    file: IO[bytes],
    filename: str,
    user: User | None,
) -> ImportBatch:
    """Check a file completely and keep the result for the user to confirm."""
    _check_actor(user, unit)
    _check_open(dataset, unit, year)
    rows, errors, raw, total = validate_rows(dataset, unit, year, file)
    return ImportBatch.objects.create(
        dataset=dataset.slug,
        unit=unit,
        year=year,
        base=_latest_import(dataset=dataset, unit=unit, year=year),
        user=user,
        filename=filename[:200],
        total_rows=total,
        rows=rows,
        errors=[asdict(error) for error in errors],
        rejected_raw=raw,
    )


def import_commit(*, batch: ImportBatch, dataset: Dataset, user: User | None) -> int:
    """Write every row of a checked file, or nothing; returns the number of rows written.

    Raises `Refused` when the file cannot be imported; a refusal of a file that was
    ready (another write came in between) leaves the batch refused, with the reason.
    """
    _check_actor(user, batch.unit)
    if batch.errors:
        raise ImportRefused(
            _(
                "The file has %(count)s errors; correct them and upload it again. Nothing was "
                "imported."
            )
            % {"count": batch.error_count}
        )
    try:
        return _write(batch=batch, dataset=dataset, user=user)
    except IntegrityError:
        # The preview checked every rule the database keeps, so only a write that came in
        # between can break one; the log keeps the details for the developers.
        logger.warning("Import %s refused by the database", batch.pk, exc_info=True)
        refusal = ImportRefused(
            _(
                "The unit's data changed while the file was being imported, so nothing was "
                "imported. Please upload the file again."
            )
        )
        _refuse(batch, refusal)
        raise refusal from None
    except Refused as refusal:
        _refuse(batch, refusal)
        raise


def _latest_import(*, dataset: Dataset, unit: Unit, year: int) -> ImportBatch | None:
    return (
        ImportBatch.objects.filter(
            dataset=dataset.slug, unit=unit, year=year, status=ImportBatch.Status.COMMITTED
        )
        .select_related("user")
        .order_by("-committed_at")
        .first()
    )


def _check_still_current(batch: ImportBatch, dataset: Dataset) -> None:
    """Refuse a preview that another import of the same data has overtaken, or that has
    expired; call with the return locked, so that two commits cannot both pass."""
    expiry = batch.created_at + datetime.timedelta(days=settings.IMPORT_PREVIEW_DAYS)
    if timezone.now() >= expiry:
        raise ImportRefused(
            _(
                "This check is older than %(days)s days and has expired; please upload the file "
                "again."
            )
            % {"days": settings.IMPORT_PREVIEW_DAYS}
        )
    latest = _latest_import(dataset=dataset, unit=batch.unit, year=batch.year)
    if latest is not None and latest.pk != batch.base_id:
        who = str(latest.user) if latest.user else _("the command line")
        raise ImportRefused(
            _(
                "%(who)s imported “%(file)s” (%(rows)s rows) into this data set at %(time)s, "
                "after this file was checked, so nothing was imported. Please look at the data "
                "as it is now and upload your file again: the new check shows what it would "
                "change."
            )
            % {
                "who": who,
                "file": latest.filename,
                "rows": latest.total_rows,
                "time": timezone.localtime(latest.committed_at).strftime("%Y-%m-%d %H:%M"),
            }
        )


def _write(*, batch: ImportBatch, dataset: Dataset, user: User | None) -> int:
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.PREVIEWED:
            raise ImportRefused(
                _("This file has already been imported, discarded or refused (%(status)s).")
                % {"status": locked.get_status_display()}
            )
        ensure_editable(unit=batch.unit, year=batch.year, section=dataset.section)
        _check_still_current(locked, dataset)
        context = dataset.prepare(unit=batch.unit, year=batch.year)
        written = dataset.commit(locked.rows, context)
        locked.status = ImportBatch.Status.COMMITTED
        locked.committed_at = timezone.now()
        locked.rows = []
        locked.save(update_fields=["status", "committed_at", "rows"])
        # Bulk writes send no signals, so the audit trail gets one entry for the whole file.
        LogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(ImportBatch),
            object_pk=str(locked.pk),
            object_repr=str(locked)[:200],
            action=LogEntry.Action.CREATE,
            changes={
                "import": [None, f"{dataset.title}: {written}"],
                "file": [None, locked.filename],
            },
            actor=user,
            additional_data={"unit": batch.unit.code},
        )
    return written


def _refuse(batch: ImportBatch, refusal: Exception) -> None:
    """A batch the commit refused stays refused: it is no longer waiting to be imported."""
    refused = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PREVIEWED).update(
        status=ImportBatch.Status.REFUSED, rows=[], rejected_raw=[], refusal=str(refusal)
    )
    if refused:
        batch.status, batch.rows, batch.refusal = ImportBatch.Status.REFUSED, [], str(refusal)
        batch.rejected_raw = []


def _without_values(errors: list[dict]) -> list[dict]:
    """The row errors without the cell values they quote (names, staff numbers): the counts
    and reasons stay for the history."""
    return [{**error, "value": ""} for error in errors]


def import_discard(*, batch: ImportBatch, user: User | None) -> None:
    _check_actor(user, batch.unit)
    ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PREVIEWED).update(
        status=ImportBatch.Status.DISCARDED,
        rows=[],
        rejected_raw=[],
        errors=_without_values(batch.errors),
    )


def import_previews_expire(*, now: datetime.datetime | None = None) -> int:
    """Expire the previews left unconfirmed past `IMPORT_PREVIEW_DAYS` and delete the rows any
    old batch still holds; returns how many previews expired."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.IMPORT_PREVIEW_DAYS)
    old = ImportBatch.objects.filter(created_at__lt=cutoff)
    expired = old.filter(status=ImportBatch.Status.PREVIEWED).update(
        status=ImportBatch.Status.EXPIRED, rows=[], rejected_raw=[]
    )
    old.exclude(rejected_raw=[]).update(rows=[], rejected_raw=[])
    for batch in old.exclude(errors=[]).only("pk", "errors").iterator(chunk_size=100):
        if any(error.get("value") for error in batch.errors):
            ImportBatch.objects.filter(pk=batch.pk).update(errors=_without_values(batch.errors))
    return expired


def template_for(*, dataset: Dataset, unit: Unit, year: int) -> bytes:
    return template_workbook(dataset, dataset.prepare(unit=unit, year=year))


def rejected_file(*, batch: ImportBatch, dataset: Dataset) -> bytes:
    errors = [RowError(**error) for error in batch.errors]
    return rejected_workbook(dataset, batch.rejected_raw, errors)
