"""The pairing ledger's models, one module per concept (docs/rules.md#pairing-relationships,
docs/rules.md#pairing-records).

- `relationships`: Annex 2's published relationships (reference data);
- `structure`: support cycles, support teams and their schools, school links per cycle;
- `placements`: dispatched (支教) and shadowing (跟岗) teachers;
- `activities`: the activity log (open classes, reviews, visits, trainings …);
- `funding`: the configurable yearly rates and who pays them.
"""

from pairing.models.activities import Activity, ActivityKind
from pairing.models.funding import FundingRate, PayerShare
from pairing.models.placements import Placement, PlacementKind
from pairing.models.relationships import (
    CountyPair,
    PairingRound,
    ProvincialPartnership,
    SupportGroup,
    SupportGroupMember,
)
from pairing.models.structure import (
    SchoolLink,
    SupportCycle,
    SupportTeam,
    SupportTeamMember,
    TeamSchool,
)

__all__ = [
    "Activity",
    "ActivityKind",
    "CountyPair",
    "FundingRate",
    "PairingRound",
    "PayerShare",
    "Placement",
    "PlacementKind",
    "ProvincialPartnership",
    "SchoolLink",
    "SupportCycle",
    "SupportGroup",
    "SupportGroupMember",
    "SupportTeam",
    "SupportTeamMember",
    "TeamSchool",
]
