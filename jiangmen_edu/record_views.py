"""Record pages: per kind of record a list (with its xlsx export), an add page, an edit page
and a POST-only delete, built once per kind by the factories below.

An app describes its kinds of record as instances of a `RecordPages` subclass, which says who
writes, which record a user may open for editing, which rows of the list they may change now
and why a record cannot be changed now; `record_urls` gives their URL patterns. Everyone
reads, through the listing's `rows`, so another county's record is a 404. The list and its
export go through the listing's selector (`jiangmen_edu.record_lists`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib import messages
from django.db.models import Model
from django.forms import BaseForm
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.permissions import ALL_ROLES, allow
from jiangmen_edu.record_lists import Listing, export, table_rows, with_filters
from jiangmen_edu.views import paginate

ACTIONS = ("list", "export", "add", "edit", "delete")


@dataclass(frozen=True)
class RecordPages:
    """One kind of record's pages. Subclasses set `namespace` (the URL namespace, also the
    templates' folder) and `write_roles`, and implement the hooks below."""

    listing: Listing
    form_class: type[BaseForm]
    create: Callable[..., Any]
    # None: the kind has no edit page; a record is deleted and added again.
    update: Callable[..., Any] | None
    delete: Callable[..., None]
    # The keyword the update and delete services take the record by.
    instance_kwarg: str
    # Where the pages live under the app's URL prefix.
    path: str

    namespace: ClassVar[str]
    write_roles: ClassVar[frozenset[str]]
    # A row the writer may not change opens read-only (with the reason) from the list's
    # "View"; otherwise the list offers nothing on it.
    opens_read_only: ClassVar[bool] = False
    list_template: ClassVar[str] = "includes/record_list.html"

    def url(self, action: str) -> str:
        return f"{self.namespace}:{self.listing.slug}_{action}"

    @property
    def urls(self) -> dict[str, str]:
        """URL names for the templates: `{% url pages.urls.edit row.pk %}`."""
        return {action: self.url(action) for action in ACTIONS}

    @property
    def editable(self) -> bool:
        return self.update is not None

    def template(self, page: str) -> str:
        return f"{self.namespace}/record_{page}.html"

    def get_object(self, request, pk: int) -> Model:
        """The record the user edits or deletes; 404 for one they may not see."""
        raise NotImplementedError

    def can_edit_row(self, request) -> Callable[[Any], bool]:
        """Whether the user may edit or delete a row of the list now; built once per page."""
        raise NotImplementedError

    def service_kwargs(self, form) -> dict[str, Any]:
        """A valid form's values as the create and update services take them."""
        raise NotImplementedError

    def lock_reason(self, request, record) -> str:
        """Why the record cannot be changed now (the edit page shows it read-only), or ""."""
        return ""

    def list_context(self, request) -> dict[str, Any]:
        """What a kind's own `list_template` shows besides the list."""
        return {}

    def refused_delete_url(self, record) -> str:
        """Where a refused delete goes back to, with its message."""
        return reverse(self.url("list"))


def make_list_view(pages: RecordPages):
    listing = pages.listing

    @allow(ALL_ROLES)
    def view(request):
        selection = listing.select(request.user, request.GET)
        page = paginate(request, selection.rows)
        can_write = request.user.role in pages.write_roles
        can_edit_row = pages.can_edit_row(request) if can_write else lambda row: False
        return render(
            request,
            pages.list_template,
            {
                "title": listing.title,
                "pages": pages,
                "filters": selection.filters,
                "page": page,
                "columns": listing.columns,
                "rows": table_rows(page, listing.columns, can_edit_row=can_edit_row),
                "can_write": can_write,
                "export_url": with_filters(request, reverse(pages.url("export"))),
                "list_url": reverse(pages.url("list")),
                **pages.list_context(request),
            },
        )

    return view


def make_export_view(pages: RecordPages):
    listing = pages.listing

    @allow(ALL_ROLES)
    def view(request):
        selection = listing.select(request.user, request.GET)
        return export(listing.title, listing.columns, selection)

    return view


def _render_form(request, pages: RecordPages, form, record=None, lock_reason: str = ""):
    if lock_reason:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        pages.template("form"),
        {
            "listing": pages.listing,
            "pages": pages,
            "form": form,
            "record": record,
            "lock_reason": lock_reason,
        },
    )


def _save(request, pages: RecordPages, form, service: Callable[..., Any], **record) -> bool:
    """Run the service on a valid form; show its refusal on the form."""
    if not form.is_valid():
        return False
    try:
        service(user=request.user, **pages.service_kwargs(form), **record)
    except REFUSALS as error:
        show_refusal(error, form=form)
    else:
        return True
    return False


def make_add_view(pages: RecordPages):
    @allow(pages.write_roles)
    def view(request):
        form = pages.form_class(request.POST or None, user=request.user)
        if request.method == "POST" and _save(request, pages, form, pages.create):
            messages.success(request, _("The record has been added."))
            return redirect(pages.url("list"))
        return _render_form(request, pages, form)

    return view


def make_edit_view(pages: RecordPages):
    @allow(pages.write_roles)
    def view(request, pk):
        record = pages.get_object(request, pk)
        form = pages.form_class(request.POST or None, instance=record, user=request.user)
        if request.method != "POST":
            return _render_form(request, pages, form, record, pages.lock_reason(request, record))
        if _save(request, pages, form, pages.update, **{pages.instance_kwarg: record}):
            messages.success(request, _("The record has been saved."))
            return redirect(pages.url("list"))
        return _render_form(request, pages, form, record)

    return view


def make_delete_view(pages: RecordPages):
    @allow(pages.write_roles)
    @require_POST
    def view(request, pk):
        record = pages.get_object(request, pk)
        try:
            pages.delete(user=request.user, **{pages.instance_kwarg: record})
        except REFUSALS as error:
            show_refusal(error, request=request)
            return redirect(pages.refused_delete_url(record))
        messages.success(request, _("The record has been deleted."))
        return redirect(pages.url("list"))

    return view


def record_urls(kinds: Iterable[RecordPages]) -> list[URLPattern]:
    """Per kind: <slug>_list, _export, _add, _edit (for an editable kind) and _delete."""
    urls = []
    for pages in kinds:
        slug, prefix = pages.listing.slug, pages.path
        urls += [
            path(f"{prefix}/", make_list_view(pages), name=f"{slug}_list"),
            path(f"{prefix}/export/", make_export_view(pages), name=f"{slug}_export"),
            path(f"{prefix}/add/", make_add_view(pages), name=f"{slug}_add"),
            path(f"{prefix}/<int:pk>/delete/", make_delete_view(pages), name=f"{slug}_delete"),
        ]
        if pages.editable:
            urls.append(
                path(f"{prefix}/<int:pk>/edit/", make_edit_view(pages), name=f"{slug}_edit")
            )
    return urls
