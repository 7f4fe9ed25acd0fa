from django.db.models import Prefetch, QuerySet

from pairing.models import CountyPair, ProvincialPartnership, SupportGroup, SupportGroupMember


def support_groups() -> QuerySet[SupportGroup]:
    members = SupportGroupMember.objects.select_related("unit", "school")
    return SupportGroup.objects.select_related("recipient").prefetch_related(
        Prefetch("members", queryset=members)
    )


def county_pairs() -> QuerySet[CountyPair]:
    return CountyPair.objects.select_related("supporter", "recipient")


def provincial_partnerships() -> QuerySet[ProvincialPartnership]:
    return ProvincialPartnership.objects.all()
