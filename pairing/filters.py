"""The filters of the pairing ledger's record lists (`pairing.lists`), one FilterSet per list.

The supporting units and recipient counties offered are the sides of the pairings the user
takes part in, the teams and groups those they see: another county's unit is not an option,
so asking for it filters nothing.
"""

from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter

from jiangmen_edu.models import Unit, User
from jiangmen_edu.record_lists import ListFilterSet
from pairing import permissions
from pairing.models import Activity, PairingRound, Placement, SchoolLink, SupportCycle, SupportTeam

YEAR = gettext_lazy("Year")
SUPPORTER = gettext_lazy("Supporting unit")
RECIPIENT = gettext_lazy("Recipient county")


def _units(unit_ids: set[int]):
    units = Unit.objects.filter(pk__in=unit_ids).order_by("order", "code")
    return [(unit.code, unit.name) for unit in units]


def _cycles():
    return [(c.pk, f"{c.round} · {c}") for c in SupportCycle.objects.select_related("round")]


def _years():
    first = PairingRound.objects.order_by("start_year").first()
    last = PairingRound.objects.order_by("-end_year").first()
    if first is None:
        return []
    return [(year, year) for year in range(last.end_year, first.start_year - 1, -1)]


class SidesFilterSet(ListFilterSet):
    """The supporting unit and the recipient county of a record, scoped to the user's pairings;
    a subclass's `scope` fills its own drop-downs after these."""

    supporter = ChoiceFilter(field_name="supporter_unit__code", label=SUPPORTER)
    recipient = ChoiceFilter(field_name="recipient_unit__code", label=RECIPIENT)

    def scope(self, user: User) -> None:
        sides = permissions.pairing_sides(user)
        self.set_options("supporter", _units({supporter for supporter, _ in sides}))
        self.set_options("recipient", _units({recipient for _, recipient in sides}))


class PlacementFilterSet(SidesFilterSet):
    cycle = ChoiceFilter(field_name="cycle")
    year = ChoiceFilter(field_name="year", label=YEAR)
    team = ChoiceFilter(field_name="team")

    search_lookups = ("name__contains", "staff_no__startswith")

    class Meta:
        model = Placement
        fields = ("kind", "cycle", "year", "supporter", "recipient", "team")

    def scope(self, user: User) -> None:
        super().scope(user)
        self.set_options("cycle", _cycles())
        self.set_options("year", _years())
        teams = permissions.teams_for_user(user).order_by("name")
        self.set_options("team", ((t.pk, t.name) for t in teams))


class ActivityFilterSet(SidesFilterSet):
    year = ChoiceFilter(field_name="date__year", label=YEAR)
    team = ChoiceFilter(field_name="team")

    search_lookups = ("title__contains", "placement__name__contains")

    class Meta:
        model = Activity
        fields = ("kind", "year", "supporter", "recipient", "team")

    def scope(self, user: User) -> None:
        super().scope(user)
        self.set_options("year", _years())
        teams = permissions.teams_for_user(user).order_by("name")
        self.set_options("team", ((t.pk, t.name) for t in teams))


class TeamFilterSet(ListFilterSet):
    group = ChoiceFilter(field_name="group")
    round = ChoiceFilter(field_name="round")

    search_lookups = ("name__contains", "leader__contains")

    class Meta:
        model = SupportTeam
        fields = ("group", "round")

    def scope(self, user: User) -> None:
        groups = permissions.groups_for_user(user).order_by("pk")
        self.set_options("group", ((g.pk, g.name) for g in groups))
        self.set_options("round", ((r.pk, r) for r in PairingRound.objects.all()))


class SchoolLinkFilterSet(SidesFilterSet):
    cycle = ChoiceFilter(field_name="cycle")

    search_lookups = ("supporter_school__name__contains", "recipient_school__name__contains")

    class Meta:
        model = SchoolLink
        fields = ("cycle", "kind", "supporter", "recipient")

    def scope(self, user: User) -> None:
        super().scope(user)
        self.set_options("cycle", _cycles())
