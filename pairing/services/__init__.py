"""Writes to the pairing ledger: typed, keyword-only functions, each in one transaction.

Each checks who may write (`pairing.permissions.require_edit`), that the editing side's
pairing return for the year is open (`workflow.ensure_editable`), and the rules of
docs/rules.md#pairing; refusals raise `ValidationError` (with the field at fault), `ReturnLocked` or
`PermissionDenied`, and change nothing. django-auditlog records every write.
"""

from pairing.services.activities import (
    ActivityData,
    activity_create,
    activity_delete,
    activity_update,
)
from pairing.services.placements import (
    PlacementData,
    placement_create,
    placement_delete,
    placement_update,
)
from pairing.services.structure import (
    SchoolLinkData,
    TeamData,
    school_link_create,
    school_link_delete,
    team_create,
    team_delete,
    team_update,
)

__all__ = [
    "ActivityData",
    "PlacementData",
    "SchoolLinkData",
    "TeamData",
    "activity_create",
    "activity_delete",
    "activity_update",
    "placement_create",
    "placement_delete",
    "placement_update",
    "school_link_create",
    "school_link_delete",
    "team_create",
    "team_delete",
    "team_update",
]
