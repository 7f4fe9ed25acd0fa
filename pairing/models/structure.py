"""The ledger's structure (docs/rules.md#pairing-records): support cycles, support teams and school
links.

A support team (支援组) belongs to one support group and one round and is formed by one of the
group's supporting units (a county bureau or 市直); it helps 1–2 township central schools of
the group's recipient county. School links are made per cycle: school pairs (学校结对) and
weak recipient schools joining a supporter's education group (集团化办学).
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.models import School, Unit
from pairing.models.relationships import PairingRound, SupportGroup


class SupportCycle(models.Model):
    """支教周期: two years within a round, its dates set by a city administrator."""

    round = models.ForeignKey(
        PairingRound, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("round")
    )
    number = models.PositiveSmallIntegerField(_("cycle number"))
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("support cycle")
        verbose_name_plural = _("support cycles")
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="cycle_number_unique"),
            models.CheckConstraint(name="cycle_dates_ordered", condition=Q(end__gt=F("start"))),
        ]

    def __str__(self):
        return _("Cycle %(number)s (%(start)s – %(end)s)") % {
            "number": self.number,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    def get_additional_data(self):
        return {}


class SupportTeam(models.Model):
    """支援组: a leader and members from one supporting unit, helping 1–2 central schools."""

    group = models.ForeignKey(
        SupportGroup, on_delete=models.PROTECT, related_name="teams", verbose_name=_("group")
    )
    round = models.ForeignKey(
        PairingRound, on_delete=models.PROTECT, related_name="teams", verbose_name=_("round")
    )
    name = models.CharField(_("name"), max_length=60)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("supporting unit")
    )
    leader = models.CharField(_("team leader"), max_length=30)
    schools = models.ManyToManyField(
        School,
        through="TeamSchool",
        related_name="support_teams",
        verbose_name=_("schools helped"),
    )

    class Meta:
        ordering = ["group__recipient__order", "round__start_year", "name"]
        verbose_name = _("support team")
        verbose_name_plural = _("support teams")
        constraints = [
            models.UniqueConstraint(fields=["group", "round", "name"], name="team_name_unique"),
        ]

    def __str__(self):
        return self.name

    @property
    def editing_unit_id(self) -> int:
        """The supporting unit that formed the team edits it."""
        return self.unit_id

    def get_additional_data(self):
        return {"unit": self.unit.code}


class SupportTeamMember(models.Model):
    team = models.ForeignKey(
        SupportTeam, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )
    name = models.CharField(_("name"), max_length=30)
    subject = models.CharField(_("stage and subject"), max_length=30, blank=True)

    class Meta:
        ordering = ["team", "pk"]
        verbose_name = _("support team member")
        verbose_name_plural = _("support team members")

    def __str__(self):
        return self.name

    def get_additional_data(self):
        return {"unit": self.team.unit.code}


class TeamSchool(models.Model):
    """A township central school a team helps; at most two per team (services enforce it)."""

    team = models.ForeignKey(
        SupportTeam, on_delete=models.CASCADE, related_name="team_schools", verbose_name=_("team")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )

    class Meta:
        ordering = ["team", "school__code"]
        verbose_name = _("school helped by a team")
        verbose_name_plural = _("schools helped by teams")
        constraints = [
            models.UniqueConstraint(fields=["team", "school"], name="team_school_unique"),
        ]

    def __str__(self):
        return f"{self.team} → {self.school}"

    def get_additional_data(self):
        return {"unit": self.team.unit.code}


class SchoolLink(models.Model):
    """A supporter school and a recipient school linked for one cycle."""

    class Kind(models.TextChoices):
        PAIR = "pair", _("School pair")
        GROUP_SCHOOLING = "group_schooling", _("Group-schooling member school")

    cycle = models.ForeignKey(
        SupportCycle, on_delete=models.PROTECT, related_name="school_links", verbose_name=_("cycle")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PAIR)
    supporter_school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("supporter school")
    )
    recipient_school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient school")
    )
    # The schools' units, kept on the row so that every list is scoped by one indexed filter.
    supporter_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("supporting unit")
    )
    recipient_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient county")
    )
    education_group = models.CharField(_("education group"), max_length=60, blank=True)

    class Meta:
        ordering = ["cycle__start", "kind", "supporter_school__code", "recipient_school__code"]
        verbose_name = _("school link")
        verbose_name_plural = _("school links")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "kind", "supporter_school", "recipient_school"],
                name="school_link_unique",
            ),
            models.CheckConstraint(
                name="school_link_two_units", condition=~Q(supporter_unit=F("recipient_unit"))
            ),
        ]

    def __str__(self):
        return f"{self.supporter_school} ↔ {self.recipient_school}"

    @property
    def editing_unit_id(self) -> int:
        """The supporting side records its school links."""
        return self.supporter_unit_id

    @property
    def year(self) -> int:
        return self.cycle.start.year

    def get_additional_data(self):
        return {"unit": self.supporter_unit.code}
