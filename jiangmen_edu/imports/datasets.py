"""What an importable data set is: its columns, its row checks, and how it is written.

Each app describes its data sets (`teachers/datasets.py`, …) and registers them in its
`AppConfig.ready()`. The web pages and the `import_data` / `export_template` commands all go
through `jiangmen_edu.imports.services`, so both paths run the same code (docs/rules.md#imports).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from auditlog.context import disable_auditlog
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

from jiangmen_edu.imports.cells import CellError, parse_choice, squash
from jiangmen_edu.models import Unit


def label_forms(text: str | Promise) -> set[str]:
    """A label as the Chinese template writes it and as the English interface shows it.

    Returns are Chinese documents whatever language the uploader's interface is in.
    """
    forms = set()
    for language in (settings.LANGUAGE_CODE, "en"):
        with translation.override(language):
            forms.add(squash(str(text)))
    return forms


class ChoiceParser:
    """Maps a label or a synonym ("大学本科" = "本科") to the stored value."""

    def __init__(self, choices, synonyms: Mapping[str, object]):
        self.choices = choices
        self.synonyms = synonyms
        self.cache: dict[tuple[type, object], object] = {}

    @cached_property
    def lookup(self) -> dict[str, object]:
        lookup = {form: value for value, label in self.choices for form in label_forms(label)}
        return lookup | {squash(word): value for word, value in self.synonyms.items()}

    def __call__(self, cell):
        # A column holds few distinct labels; normalising each of 25,000 cells again is waste.
        key = (type(cell), cell)
        if key not in self.cache:
            self.cache[key] = parse_choice(cell, self.lookup)
        return self.cache[key]


@dataclass(frozen=True)
class Column:
    key: str
    header: str | Promise
    parse: Callable[[Any], Any]
    required: bool = True
    aliases: tuple[str, ...] = ()
    # (stored value, label) for the template's drop-down list and the preview.
    choices: tuple[tuple[object, str | Promise], ...] = ()
    width: int = 14

    def labels(self) -> set[str]:
        return label_forms(self.header) | {squash(alias) for alias in self.aliases}

    def show(self, value) -> object:
        """A checked value as the user wrote it: the label of a choice."""
        if value is None:
            return ""
        return next((str(label) for key, label in self.choices if key == value), value)


def choice_column(
    key: str,
    header: str | Promise,
    choices: Iterable[tuple[object, str | Promise]],
    synonyms: Mapping[str, object] | None = None,
    **options,
) -> Column:
    """A column whose cells name one of `choices`, by label or a synonym."""
    choices = tuple(choices)
    return Column(
        key=key,
        header=header,
        parse=ChoiceParser(choices, synonyms or {}),
        choices=choices,
        **options,
    )


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str


class RowInvalid(Exception):
    """Raised by `Dataset.clean_row` with one message per column (or "" for the row)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


@dataclass
class ImportContext:
    unit: Unit
    year: int
    lookups: dict[str, Any] = field(default_factory=dict)


class Dataset:
    """Base class: subclasses set the class attributes and implement the three hooks."""

    slug: str
    title: str | Promise
    section: str
    columns: tuple[Column, ...]
    # What a new upload replaces, told to the user before they commit.
    replaces: str | Promise = ""

    def prepare(self, *, unit: Unit, year: int) -> ImportContext:
        """Load what row checks look up (schools, staff…), in a constant number of queries."""
        return ImportContext(unit=unit, year=year)

    def clean_row(self, values: dict[str, Any], context: ImportContext) -> dict[str, Any]:
        """Cross-column checks and lookups on one parsed row; return JSON-safe values."""
        return values

    def check_rows(
        self, rows: list[tuple[int, dict[str, Any]]], context: ImportContext
    ) -> list[RowError]:
        """Checks across rows (the same staff number twice, …)."""
        return []

    def check_file(self, rows: list[dict[str, Any]], context: ImportContext) -> list[str]:
        """Refusals of the file as a whole, checked once every row has passed (what the
        import would leave behind, or a return besides the import year's that it needs).

        `rows` are the rows as `commit` gets them. The preview refuses the file with these
        messages and stores nothing. A rule that `commit` (or a service it calls) enforces
        must be checked here or in the row checks, with the same function, so that a
        preview that says "ready" commits.
        """
        return []

    def commit(self, rows: list[dict[str, Any]], context: ImportContext) -> int:
        """Write the rows; called inside the transaction that checked the return is open.

        Raise `ImportRefused` (or let a service's `WorkflowError` through) to refuse: that
        should only happen when another write came in since the preview.
        """
        raise NotImplementedError

    def template_rows(self, context: ImportContext) -> list[list[Any]]:
        """Rows to prefill the template with (e.g. the unit's schools)."""
        return []

    def header(self, key: str) -> str:
        return str(next(column.header for column in self.columns if column.key == key))

    def parse_cells(self, cells: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        values, errors = {}, {}
        for column in self.columns:
            cell = cells.get(column.key)
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                if column.required:
                    errors[column.key] = "required"
                else:
                    values[column.key] = None
                continue
            try:
                values[column.key] = column.parse(cell)
            except CellError as error:
                errors[column.key] = str(error)
        return values, errors


def delete_replaced(queryset) -> int:
    """Delete the rows an import replaces, without an audit entry per row.

    The import's own audit entry (`imports.services.import_commit`) records the file that
    replaced them; per-row entries would cost three queries a row (75,000 for a roster).
    """
    with disable_auditlog():
        deleted, _by_model = queryset.delete()
    return deleted


_registry: dict[str, Dataset] = {}


def register(dataset: Dataset) -> None:
    _registry[dataset.slug] = dataset


def get(slug: str) -> Dataset | None:
    return _registry.get(slug)


def all_datasets() -> list[Dataset]:
    return list(_registry.values())
