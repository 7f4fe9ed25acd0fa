"""The ledger's forms. Choices are scoped to what the user may see and edit; the services check
the pairing rules again, so a forged choice is refused there."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import School, Unit, User
from pairing import permissions
from pairing.models import (
    Activity,
    PairingRound,
    Placement,
    SchoolLink,
    SupportCycle,
    SupportTeam,
)
from pairing.permissions import pairing_sides
from pairing.services import ActivityData, PlacementData, SchoolLinkData, TeamData

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _paired_unit_ids(user: User) -> set[int]:
    return {unit_id for pair in pairing_sides(user) for unit_id in pair}


def _schools(unit_ids) -> QuerySet[School]:
    return (
        School.objects.filter(unit_id__in=unit_ids)
        .select_related("unit")
        .order_by("unit__order", "code")
    )


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, school):
        return f"{school.unit.name} · {school.name}"


class SchoolsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, school):
        return f"{school.unit.name} · {school.name}"


class RecordForm(forms.ModelForm):
    """Base: takes the acting user, whose scope narrows the choices."""

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.scope_choices()

    def _post_clean(self):
        # The form only reads the fields: the services check the rules, with messages that
        # say why, and write the record. Skipping ModelForm's model validation also leaves
        # the instance untouched until the service has checked the old side and year.
        pass

    def scope_choices(self) -> None:
        pass

    def to_data(self):
        raise NotImplementedError


class PlacementForm(RecordForm):
    home_school = SchoolChoiceField(School.objects.none(), label=_("home school"))
    host_school = SchoolChoiceField(School.objects.none(), label=_("host school"))

    class Meta:
        model = Placement
        fields = [
            "kind",
            "name",
            "staff_no",
            "subject",
            "home_school",
            "host_school",
            "cycle",
            "team",
            "start",
            "end",
            "notes",
        ]
        widgets = {"start": DATE, "end": DATE}

    def scope_choices(self):
        own = permissions.editing_units_for(self.user).values_list("pk", flat=True)
        paired = _paired_unit_ids(self.user)
        self.fields["home_school"].queryset = _schools(set(own) & paired)
        self.fields["host_school"].queryset = _schools(paired)
        self.fields["cycle"].queryset = SupportCycle.objects.select_related("round")
        self.fields["cycle"].required = False
        self.fields["cycle"].help_text = _("Required for dispatched teachers.")
        self.fields["team"].queryset = permissions.teams_for_user(self.user).order_by("name")

    def to_data(self) -> PlacementData:
        return PlacementData(**self.cleaned_data)


class ActivityForm(RecordForm):
    school = SchoolChoiceField(School.objects.none(), label=_("school"), required=False)
    supporter_unit = forms.ModelChoiceField(
        Unit.objects.none(),
        label=_("organised by"),
        required=False,
        help_text=_("For a line attached to a school only: the supporting unit that held it."),
    )

    class Meta:
        model = Activity
        fields = ["kind", "date", "count", "hours", "days", "title", "placement", "team", "school"]
        widgets = {"date": DATE}

    def scope_choices(self):
        paired = _paired_unit_ids(self.user)
        placements = permissions.placements_for_user(self.user)
        teams = permissions.teams_for_user(self.user)
        if not permissions.is_city_user(self.user):
            unit_id = self.user.unit_id
            placements = placements.filter(
                Q(kind=Placement.Kind.DISPATCHED, supporter_unit_id=unit_id)
                | Q(kind=Placement.Kind.SHADOWING, recipient_unit_id=unit_id)
            )
            teams = teams.filter(unit_id=unit_id)
        self.fields["placement"].queryset = placements.order_by("name")
        self.fields["team"].queryset = teams.order_by("name")
        self.fields["school"].queryset = _schools(paired)
        supporters = {s for s, _r in pairing_sides(self.user)}
        self.fields["supporter_unit"].queryset = permissions.editing_units_for(self.user).filter(
            pk__in=supporters
        )
        if self.instance.pk and self.instance.placement_id is None:
            self.initial.setdefault("supporter_unit", self.instance.supporter_unit_id)

    def to_data(self) -> ActivityData:
        data = dict(self.cleaned_data)
        data["title"] = data.get("title") or ""
        return ActivityData(**data)


class TeamForm(RecordForm):
    schools = SchoolsChoiceField(
        School.objects.none(),
        label=_("township central schools helped"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("One or two."),
    )
    member_lines = forms.CharField(
        label=_("members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One member a line: name, then stage and subject after a comma."),
    )

    class Meta:
        model = SupportTeam
        fields = ["group", "round", "name", "unit", "leader"]

    def scope_choices(self):
        groups = permissions.groups_for_user(self.user)
        self.fields["group"].queryset = groups.select_related("recipient")
        self.fields["round"].queryset = PairingRound.objects.all()
        supporters = {s for s, _r in pairing_sides(self.user)}
        self.fields["unit"].queryset = permissions.editing_units_for(self.user).filter(
            pk__in=supporters
        )
        recipients = {r for _s, r in pairing_sides(self.user)}
        self.fields["schools"].queryset = _schools(recipients).filter(is_central=True)
        if self.instance.pk:
            self.initial["schools"] = [ts.school_id for ts in self.instance.team_schools.all()]
            self.initial["member_lines"] = "\n".join(
                f"{m.name}, {m.subject}" if m.subject else m.name
                for m in self.instance.members.all()
            )

    def to_data(self) -> TeamData:
        members = []
        for line in self.cleaned_data["member_lines"].splitlines():
            name, _sep, subject = line.replace("，", ",").partition(",")
            if name.strip():
                members.append((name.strip(), subject.strip()))
        data = {k: v for k, v in self.cleaned_data.items() if k != "member_lines"}
        data["schools"] = tuple(data["schools"])
        return TeamData(members=tuple(members), **data)


class SchoolLinkForm(RecordForm):
    supporter_school = SchoolChoiceField(School.objects.none(), label=_("supporter school"))
    recipient_school = SchoolChoiceField(School.objects.none(), label=_("recipient school"))

    class Meta:
        model = SchoolLink
        fields = ["cycle", "kind", "supporter_school", "recipient_school", "education_group"]

    def scope_choices(self):
        own = set(permissions.editing_units_for(self.user).values_list("pk", flat=True))
        sides = pairing_sides(self.user)
        self.fields["cycle"].queryset = SupportCycle.objects.select_related("round")
        self.fields["supporter_school"].queryset = _schools({s for s, _r in sides} & own)
        self.fields["recipient_school"].queryset = _schools({r for _s, r in sides})

    def to_data(self) -> SchoolLinkData:
        return SchoolLinkData(**self.cleaned_data)
