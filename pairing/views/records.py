"""The ledger's record pages: per kind of record a list (with its xlsx export), an add page, an
edit page and a POST-only delete, built once per kind by the factories below.

Everyone reads, scoped by `pairing.permissions` (another county's record is a 404); county
editors and the city's reviewers and administrators write, each on the side they edit (a
record the user sees but does not edit is a 403 on the edit pages).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiangmen_edu.exports import xlsx_response
from jiangmen_edu.permissions import ALL_ROLES, allow
from jiangmen_edu.views import paginate
from jiangmen_edu.workflow import WorkflowError
from pairing import forms, lists, services
from pairing.models import Activity, Placement, SchoolLink, SupportTeam
from pairing.permissions import EDITOR_ROLES, can_edit, get_editable_or_404, may_write

ACTIONS = ("list", "export", "add", "edit", "delete")


@dataclass(frozen=True)
class RecordPages:
    listing: lists.Listing
    model: type
    form_class: type[forms.RecordForm] | None
    create: Callable[..., Any] | None
    update: Callable[..., Any] | None
    delete: Callable[..., None]
    instance_kwarg: str
    path: str

    def url(self, action: str) -> str:
        return f"pairing:{self.listing.slug}_{action}"

    @property
    def urls(self) -> dict[str, str]:
        return {action: self.url(action) for action in ACTIONS}

    @property
    def editable(self) -> bool:
        return self.update is not None

    def get_editable(self, request, pk: int):
        return get_editable_or_404(self.listing.rows(request.user), request.user, pk=pk)


PAGES = (
    RecordPages(
        lists.PLACEMENTS,
        Placement,
        forms.PlacementForm,
        services.placement_create,
        services.placement_update,
        services.placement_delete,
        "placement",
        "placements",
    ),
    RecordPages(
        lists.ACTIVITIES,
        Activity,
        forms.ActivityForm,
        services.activity_create,
        services.activity_update,
        services.activity_delete,
        "activity",
        "activities",
    ),
    RecordPages(
        lists.TEAMS,
        SupportTeam,
        forms.TeamForm,
        services.team_create,
        services.team_update,
        services.team_delete,
        "team",
        "teams",
    ),
    RecordPages(
        lists.SCHOOL_LINKS,
        SchoolLink,
        forms.SchoolLinkForm,
        services.school_link_create,
        None,
        services.school_link_delete,
        "link",
        "school-links",
    ),
)


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def make_list_view(pages: RecordPages):
    listing = pages.listing

    @allow(ALL_ROLES)
    def view(request):
        selection = listing.select(request.user, request.GET)
        page = paginate(request, selection.rows)
        numeric = [column.numeric for column in listing.columns]
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "pairing/record_list.html",
            {
                "listing": listing,
                "pages": pages,
                "selection": selection,
                "page": page,
                "rows": [
                    (
                        row,
                        list(zip(listing.values(row), numeric, strict=True)),
                        can_edit(request.user, row),
                    )
                    for row in page
                ],
                "can_add": may_write(request.user),
                "export_query": query.urlencode(),
            },
        )

    return view


def make_export_view(pages: RecordPages):
    listing = pages.listing

    @allow(ALL_ROLES)
    def view(request):
        selection = listing.select(request.user, request.GET)
        return xlsx_response(
            f"{listing.title}-{timezone.localdate():%Y%m%d}.xlsx",
            listing.headers,
            (listing.values(row) for row in selection.rows.iterator(chunk_size=2000)),
        )

    return view


def _render_form(request, pages: RecordPages, form, record=None):
    return render(
        request,
        "pairing/record_form.html",
        {"listing": pages.listing, "pages": pages, "form": form, "record": record},
    )


def _save(request, pages: RecordPages, form, **kwargs) -> bool:
    """Run the service on a valid form; show its refusal on the form."""
    if not form.is_valid():
        return False
    service = pages.update if kwargs else pages.create
    try:
        service(user=request.user, data=form.to_data(), **kwargs)
    except WorkflowError as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        add_service_errors(form, error)
    else:
        return True
    return False


def make_add_view(pages: RecordPages):
    @allow(EDITOR_ROLES)
    def view(request):
        form = pages.form_class(request.POST or None, user=request.user)
        if request.method == "POST" and _save(request, pages, form):
            messages.success(request, _("The record has been added."))
            return redirect(pages.url("list"))
        return _render_form(request, pages, form)

    return view


def make_edit_view(pages: RecordPages):
    @allow(EDITOR_ROLES)
    def view(request, pk):
        record = pages.get_editable(request, pk)
        form = pages.form_class(request.POST or None, instance=record, user=request.user)
        if request.method == "POST" and _save(
            request, pages, form, **{pages.instance_kwarg: record}
        ):
            messages.success(request, _("The record has been saved."))
            return redirect(pages.url("list"))
        return _render_form(request, pages, form, record)

    return view


def make_delete_view(pages: RecordPages):
    @allow(EDITOR_ROLES)
    @require_POST
    def view(request, pk):
        record = pages.get_editable(request, pk)
        try:
            pages.delete(user=request.user, **{pages.instance_kwarg: record})
        except (WorkflowError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The record has been deleted."))
        return redirect(pages.url("list"))

    return view
