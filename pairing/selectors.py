"""Read queries on Annex 2's relationships, shared by pages, services and rules."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from jiangmen_edu.models import School
from pairing.models import (
    CountyPair,
    PairingRound,
    ProvincialPartnership,
    SupportCycle,
    SupportGroup,
    SupportGroupMember,
)


def support_groups() -> QuerySet[SupportGroup]:
    members = SupportGroupMember.objects.select_related("unit", "school")
    return SupportGroup.objects.select_related("recipient").prefetch_related(
        Prefetch("members", queryset=members)
    )


def county_pairs() -> QuerySet[CountyPair]:
    return CountyPair.objects.select_related("supporter", "recipient")


def provincial_partnerships() -> QuerySet[ProvincialPartnership]:
    return ProvincialPartnership.objects.all()


def cycles() -> QuerySet[SupportCycle]:
    return SupportCycle.objects.select_related("round")


def rounds() -> QuerySet[PairingRound]:
    return PairingRound.objects.all()


@dataclass
class GroupMap:
    """Which supporters help which recipient county (Annex 2), loaded in two queries."""

    groups: dict[int, SupportGroup] = field(default_factory=dict)  # by recipient unit id
    member_units: dict[int, set[int]] = field(default_factory=dict)  # group id → unit ids
    member_schools: dict[int, set[int]] = field(default_factory=dict)  # group id → school ids
    city_direct_unit_id: int | None = None

    def group_of(self, recipient_unit_id: int) -> SupportGroup | None:
        return self.groups.get(recipient_unit_id)

    def supports(self, school: School, recipient_unit_id: int) -> bool:
        """Whether `school`'s side supports the county: its bureau is a member of the county's
        group, or it is one of the group's city-direct member schools."""
        group = self.group_of(recipient_unit_id)
        if group is None:
            return False
        return (
            school.unit_id in self.member_units[group.pk]
            or school.pk in self.member_schools[group.pk]
        )

    def supporter_unit_ids(self, recipient_unit_id: int) -> set[int]:
        """The member bureaus, plus 市直 when the group has city-direct member schools."""
        group = self.group_of(recipient_unit_id)
        if group is None:
            return set()
        units = set(self.member_units[group.pk])
        if self.member_schools[group.pk]:
            units.add(self.city_direct_unit_id)
        return units


def group_map() -> GroupMap:
    result = GroupMap()
    for group in SupportGroup.objects.select_related("recipient"):
        result.groups[group.recipient_id] = group
        result.member_units[group.pk] = set()
        result.member_schools[group.pk] = set()
    for group_id, unit_id, school_id, school_unit_id in SupportGroupMember.objects.values_list(
        "group_id", "unit_id", "school_id", "school__unit_id"
    ):
        if unit_id:
            result.member_units[group_id].add(unit_id)
        if school_id:
            result.member_schools[group_id].add(school_id)
            result.city_direct_unit_id = school_unit_id
    return result
