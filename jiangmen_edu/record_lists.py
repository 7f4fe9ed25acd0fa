"""Record lists: one selector per list, shared by its page and its xlsx export.

A `Listing` says which rows a user may see (`rows`), which filters and search the page
offers and which columns it shows. `Listing.select(user, params)` is the selector: the page
paginates its rows and the export writes all of them, so the download holds exactly what the
list shows. Each app's `lists.py` defines its listings; their `rows` `select_related` what
the columns read, so a page costs the same number of queries whatever its length.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.text import capfirst

from jiangmen_edu.models import User

Options = list[tuple[str, str]]
# The user, and the page's GET parameters: one filter's options may depend on another's value.
OptionsFor = Callable[[User, Mapping[str, str]], Options]


def label(model: type[Model], field: str):
    """A column or filter label: the model field's own (translated) name."""
    return capfirst(model._meta.get_field(field).verbose_name)


def choice_options(choices) -> OptionsFor:
    def options(user: User, params: Mapping[str, str]) -> Options:
        return [(str(value), str(text)) for value, text in choices]

    return options


@dataclass(frozen=True)
class Column:
    header: Any
    value: Callable[[Any], Any]
    numeric: bool = False


@dataclass(frozen=True)
class Filter:
    """One drop-down of a list page: the GET parameter, its options and the lookup it sets.

    A value is applied only if it is one of the options, which are themselves scoped to the
    user: a county editor cannot filter their way into another county's records.
    """

    param: str
    label: Any
    lookup: str
    options: OptionsFor


@dataclass(frozen=True)
class BoundFilter:
    param: str
    label: Any
    options: Options
    value: str

    @property
    def shown(self) -> bool:
        return len(self.options) > 1


@dataclass(frozen=True)
class Selection:
    rows: QuerySet
    filters: list[BoundFilter]
    q: str


@dataclass(frozen=True)
class Listing:
    slug: str
    title: Any
    # The rows the user may see, in the page's order: the app's permission rules live here.
    rows: Callable[[User], QuerySet]
    filters: tuple[Filter, ...]
    columns: tuple[Column, ...]
    # Lookups the search box matches, any of them; a list without any has no search box.
    search: tuple[str, ...] = ()

    def select(self, user: User, params: Mapping[str, str]) -> Selection:
        """The rows `user` may see, narrowed by the filters and search in `params`."""
        rows = self.rows(user)
        bound = []
        for spec in self.filters:
            options = spec.options(user, params)
            value = params.get(spec.param, "")
            if value not in {option for option, _text in options}:
                value = ""
            if value:
                rows = rows.filter(**{spec.lookup: value})
            bound.append(BoundFilter(spec.param, spec.label, options, value))
        q = params.get("q", "").strip() if self.search else ""
        if q:
            condition = Q()
            for lookup in self.search:
                condition |= Q(**{lookup: q})
            rows = rows.filter(condition)
        return Selection(rows=rows, filters=bound, q=q)

    def values(self, row) -> list[Any]:
        return [column.value(row) for column in self.columns]

    @property
    def headers(self) -> list[Any]:
        return [column.header for column in self.columns]
