"""The ledger's record pages (see `jiangmen_edu.record_views`).

Everyone reads, scoped by `pairing.permissions` (another county's record is a 404); county
editors and the city's reviewers and administrators write, each on the side they edit (a
record the user sees but does not edit is a 403 on the edit pages).
"""

from collections.abc import Callable
from typing import Any

from jiangmen_edu.record_views import RecordPages
from pairing import forms, lists, services
from pairing.permissions import EDITOR_ROLES, can_edit, get_editable_or_404


class PairingPages(RecordPages):
    namespace = "pairing"
    write_roles = EDITOR_ROLES
    list_template = "pairing/record_list.html"

    def get_object(self, request, pk: int):
        return get_editable_or_404(self.listing.rows(request.user), request.user, pk=pk)

    def can_edit_row(self, request) -> Callable[[Any], bool]:
        """One side of the pairing edits the row, the other reads it."""
        return lambda row: can_edit(request.user, row)

    def service_kwargs(self, form) -> dict[str, Any]:
        return {"data": form.to_data()}


PAGES = (
    PairingPages(
        listing=lists.PLACEMENTS,
        form_class=forms.PlacementForm,
        create=services.placement_create,
        update=services.placement_update,
        delete=services.placement_delete,
        instance_kwarg="placement",
        path="placements",
    ),
    PairingPages(
        listing=lists.ACTIVITIES,
        form_class=forms.ActivityForm,
        create=services.activity_create,
        update=services.activity_update,
        delete=services.activity_delete,
        instance_kwarg="activity",
        path="activities",
    ),
    PairingPages(
        listing=lists.TEAMS,
        form_class=forms.TeamForm,
        create=services.team_create,
        update=services.team_update,
        delete=services.team_delete,
        instance_kwarg="team",
        path="teams",
    ),
    PairingPages(
        listing=lists.SCHOOL_LINKS,
        form_class=forms.SchoolLinkForm,
        create=services.school_link_create,
        update=None,
        delete=services.school_link_delete,
        instance_kwarg="link",
        path="school-links",
    ),
)
