"""Record lists: one django-filter `FilterSet` per list, called by one selector that its page
and its xlsx export share.

A list's FilterSet (a `ListFilterSet`) is built for a user: its `scope()` offers in each
drop-down only what that user may see, so a value outside them (another county's unit or
school) is invalid and never applied. `select()` is the selector: the rows the user may see,
narrowed by the page's parameters, with the bound FilterSet the page renders. The page
paginates the rows and the export writes all of them, so the download holds exactly what the
list shows. A `Listing` declares one ledger list (rows, FilterSet, columns) for
`jiangmen_edu.record_views`; the rows `select_related` what the columns read, so a page costs
the same number of queries whatever its length.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

import django_filters
from django import forms
from django.db.models import Model, Q, QuerySet
from django.forms import BoundField
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.exports import xlsx_response
from jiangmen_edu.models import User

Options = list[tuple[str, str]]


def label(model: type[Model], field: str):
    """A column or filter label: the model field's own (translated) name."""
    return capfirst(model._meta.get_field(field).verbose_name)


class ListFilterSet(django_filters.FilterSet):
    """The filters of one list, scoped to the user they are built for.

    Subclasses declare their drop-downs as `ChoiceFilter`s (or let `Meta.fields` generate them
    from model choices) and fill the options that depend on the user, or on another filter's
    value, in `scope()`. A value that is not among a drop-down's options is invalid and
    filters nothing; a declared drop-down whose options `scope()` leaves unset offers none, so
    scoping fails closed. `q`, the search box, matches any of `search_lookups`; a list without
    them has none.
    """

    q = django_filters.CharFilter(method="search")

    search_lookups: ClassVar[tuple[str, ...]] = ()
    search_label: ClassVar[Any] = gettext_lazy("Search")

    def __init__(self, data=None, queryset=None, *, user: User, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.user = user
        if not self.search_lookups:
            del self.filters["q"]
        self.scope(user)
        self._set_widgets()

    def scope(self, user: User) -> None:
        """Set the options of the drop-downs that depend on `user` (`set_options`); one that
        depends on another's value reads it with `chosen`, after setting that one."""

    def set_options(self, name: str, options: Iterable[tuple[Any, Any]]) -> None:
        self.filters[name].extra["choices"] = [(str(value), str(text)) for value, text in options]

    def options(self, name: str) -> Options:
        choices = self.filters[name].extra.get("choices", ())
        if callable(choices):
            choices = choices()
        return [(str(value), str(text)) for value, text in choices]

    def chosen(self, name: str) -> str:
        """The page's value of filter `name` if it is one of its options, else ""."""
        value = self.data.get(name, "")
        return value if value in {option for option, _text in self.options(name)} else ""

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q()
        for lookup in self.search_lookups:
            condition |= Q(**{lookup: value})
        return queryset.filter(condition)

    @property
    def shown(self) -> list[BoundField]:
        """The drop-downs the page shows: one with a single option (a county editor's own unit)
        or none (the city's schools before it picks a unit) offers no choice."""
        return [
            self.form[name] for name in self.filters if name != "q" and len(self.options(name)) > 1
        ]

    @property
    def search_box(self) -> BoundField | None:
        return self.form["q"] if "q" in self.filters else None

    def _set_widgets(self) -> None:
        for name, filter_ in self.filters.items():
            if name == "q":
                filter_.extra["widget"] = forms.SearchInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "placeholder": self.search_label,
                        "aria-label": self.search_label,
                    }
                )
            elif isinstance(filter_, django_filters.ChoiceFilter):
                filter_.extra["widget"] = forms.Select(
                    attrs={"class": "form-select form-select-sm", "aria-label": filter_.label}
                )
                filter_.extra["empty_label"] = _("%(label)s: all") % {"label": filter_.label}


class Selection(NamedTuple):
    """What a list's selector returns: the rows, and the bound filters the page renders."""

    rows: QuerySet
    filters: ListFilterSet


def select(
    filterset: type[ListFilterSet], rows: QuerySet, user: User, params: Mapping[str, str]
) -> Selection:
    """`rows` (already those the user may see) narrowed by the valid filters in `params`."""
    filters = filterset(params, queryset=rows, user=user)
    return Selection(rows=filters.qs, filters=filters)


@dataclass(frozen=True)
class Column:
    header: Any
    value: Callable[[Any], Any]
    numeric: bool = False
    # The page links the cell to this URL of the row (the export writes the value only).
    link: Callable[[Any], str] | None = None


class Cell(NamedTuple):
    value: Any
    numeric: bool
    url: str


class Row(NamedTuple):
    record: Any
    cells: list[Cell]
    # The current user may edit or delete this row now.
    can_edit: bool
    # data-* attributes of the row, beside data-pk.
    data: dict[str, str]


def shown(value: Any) -> Any:
    """A cell as the page shows it: dates as 2025-08-31, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def table_rows(
    records: Iterable[Any],
    columns: Iterable[Column],
    *,
    can_edit_row: Callable[[Any], bool] = lambda record: False,
    data: Callable[[Any], dict[str, str]] = lambda record: {},
) -> list[Row]:
    """The page's rows, cells as shown."""
    columns = list(columns)
    return [
        Row(
            record,
            [
                Cell(shown(c.value(record)), c.numeric, c.link(record) if c.link else "")
                for c in columns
            ],
            can_edit_row(record),
            data(record),
        )
        for record in records
    ]


def with_filters(request, url: str) -> str:
    """`url` with the page's filters and search (not its page number): the export link."""
    query = request.GET.copy()
    query.pop("page", None)
    return f"{url}?{query.urlencode()}" if query else url


def export(title: Any, columns: Iterable[Column], selection: Selection) -> HttpResponse:
    """Every row of the selection as an xlsx download named after the list and the day."""
    columns = list(columns)
    return xlsx_response(
        f"{title}-{timezone.localdate():%Y%m%d}.xlsx",
        [column.header for column in columns],
        (
            [column.value(row) for column in columns]
            for row in selection.rows.iterator(chunk_size=2000)
        ),
    )


@dataclass(frozen=True)
class Listing:
    """One ledger list: the rows a user may see, its FilterSet and its columns."""

    slug: str
    title: Any
    # The rows the user may see, in the page's order: the app's permission rules live here.
    rows: Callable[[User], QuerySet]
    filterset: type[ListFilterSet]
    columns: tuple[Column, ...]

    def select(self, user: User, params: Mapping[str, str]) -> Selection:
        """The list's selector: the rows `user` may see, narrowed by `params`."""
        return select(self.filterset, self.rows(user), user, params)
