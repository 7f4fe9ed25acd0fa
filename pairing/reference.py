from jiangmen_edu.models import School, Unit
from jiangmen_edu.reference import read
from pairing.models import (
    CountyPair,
    PairingRound,
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
