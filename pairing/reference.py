"""Annex 2's relationships and the funding defaults (docs/rules.md#pairing-relationships,
docs/rules.md#pairing-funding), from pairing.json.

Relationships are published policy and reloaded as they are; the funding rates and shares
are created only when none exist, so that a city administrator's edits survive a reload.
"""

from decimal import Decimal

from jiangmen_edu.models import School, Unit
from jiangmen_edu.reference import read
from pairing.models import (
    CountyPair,
    FundingRate,
    PairingRound,
    PayerShare,
    ProvincialPartnership,
    SupportGroup,
    SupportGroupMember,
)


def load() -> None:
    data = read("pairing.json")
    units = {unit.code: unit for unit in Unit.objects.all()}
    for start_year, end_year in data["rounds"]:
        PairingRound.objects.update_or_create(
            start_year=start_year, defaults={"end_year": end_year}
        )
    for supporter, recipient in data["county_pairs"]:
        CountyPair.objects.get_or_create(supporter=units[supporter], recipient=units[recipient])
    for row in data["groups"]:
        group, _created = SupportGroup.objects.update_or_create(
            name=row["name"], defaults={"recipient": units[row["recipient"]]}
        )
        for code in row["units"]:
            SupportGroupMember.objects.get_or_create(group=group, unit=units[code])
        for name in row["schools"]:
            school = School.objects.get(unit=units["440700"], name=name)
            SupportGroupMember.objects.get_or_create(group=group, school=school)
    for local_party, partner in data["provincial_partnerships"]:
        ProvincialPartnership.objects.get_or_create(local_party=local_party, partner=partner)
    load_funding_defaults(data)


def load_funding_defaults(data: dict) -> None:
    if not FundingRate.objects.exists():
        for row in data["funding_rates"]:
            FundingRate.objects.create(
                valid_from=row["valid_from"], annual_amount=Decimal(row["annual_amount"])
            )
    units = {unit.code: unit for unit in Unit.objects.all()}
    configured = set(PayerShare.objects.values_list("unit__code", flat=True))
    for code, share in data["city_shares"].items():
        if code not in configured:
            PayerShare.objects.create(
                unit=units[code],
                valid_from=data["city_shares_valid_from"],
                city_share=Decimal(share),
            )
