"""A group's own lines: IT training, training coverage and group schooling
(docs/rules.md#pairing-targets)."""

import datetime
from collections import defaultdict
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from pairing.compliance.data import LedgerData
from pairing.compliance.records import Line, started_cycles, with_records
from pairing.models import ActivityKind, SchoolLink, SupportGroup
from pairing.rules import targets as t
from pairing.rules.periods import Span, intersection, semester_spans, semesters_served


def it_training_lines(data: LedgerData, group: SupportGroup) -> list[Line]:
    lines = []
    for year in data.period.years():
        teachers = data.teachers.get((group.recipient_id, year))
        trained = data.it_trained.get((group.recipient_id, year), 0)
        if teachers is None:
            target, passed = _("≥ %(n)s %% of the county's teachers") % {"n": 5}, None
            note = _("No roster of full-time teachers in the teachers ledger yet.")
        else:
            target = _("≥ %(n)s (5 %% of %(teachers)s teachers)") % {
                "n": t.it_training_required(teachers),
                "teachers": teachers,
            }
            passed, note = t.it_training_met(trained, teachers), ""
        lines.append(
            Line(
                f"it-{group.pk}-{year}",
                _("IT training (5 days, 30 hours), %(year)s") % {"year": year},
                target,
                str(trained),
                passed,
                list_name="pairing:activity_list",
                query=urlencode(
                    {
                        "kind": ActivityKind.IT_TRAINING,
                        "year": year,
                        "recipient": group.recipient.code,
                    }
                ),
                note=note,
            )
        )
    return lines


def coverage_line(data: LedgerData, group: SupportGroup) -> Line:
    """Full training coverage within 5 years: on track when the pro-rata share of the
    county's teachers for the round's completed years has been trained."""
    as_of = data.period.as_of
    round_ = data.period.round
    completed = max(0, min(as_of.year, round_.end_year + 1) - round_.start_year)
    if as_of >= datetime.date(round_.end_year, 12, 31):
        completed = t.COVERAGE_YEARS
    latest = max((y for (u, y) in data.teachers if u == group.recipient_id), default=None)
    trained = data.trained_in_round.get(group.recipient_id, 0)
    line = Line(
        f"coverage-{group.pk}",
        _("Training coverage of the county's teachers in the round"),
        _("all within %(n)s years") % {"n": t.COVERAGE_YEARS},
        str(trained),
        None,
        list_name="pairing:activity_list",
        query=urlencode({"kind": ActivityKind.TRAINING, "recipient": group.recipient.code}),
    )
    if latest is None:
        line.note = _("No roster of full-time teachers in the teachers ledger yet.")
        return line
    teachers = data.teachers[(group.recipient_id, latest)]
    need = t.coverage_required(teachers, completed)
    line.target = _("%(need)s by now of %(teachers)s (all within %(n)s years)") % {
        "need": need,
        "teachers": teachers,
        "n": t.COVERAGE_YEARS,
    }
    line.passed = t.at_least(trained, need)
    return line


def group_schooling_lines(data: LedgerData, group: SupportGroup) -> list[Line]:
    lines = []
    elapsed = data.period.elapsed
    for cycle in started_cycles(data):
        members: dict[str, list[SchoolLink]] = defaultdict(list)
        for link in data.links:
            if (
                link.kind == SchoolLink.Kind.GROUP_SCHOOLING
                and link.cycle_id == cycle.pk
                and link.recipient_unit_id == group.recipient_id
            ):
                members[link.supporter_school.name].append(link)
        wrong = [
            f"{lead}: {len(links)}"
            for lead, links in members.items()
            if not t.within(len(links), t.GROUP_SCHOOLING_SCHOOLS)
        ]
        lines.append(
            with_records(
                Line(
                    f"group-schooling-{group.pk}-{cycle.pk}",
                    _("Weak schools joining an education group, %(cycle)s") % {"cycle": cycle},
                    _("%(low)s–%(high)s per education group")
                    % dict(zip(("low", "high"), t.GROUP_SCHOOLING_SCHOOLS, strict=True)),
                    "; ".join(f"{lead}: {len(links)}" for lead, links in members.items()) or "0",
                    bool(members) and not wrong,
                    list_name="pairing:school_link_list",
                    query=urlencode({"kind": SchoolLink.Kind.GROUP_SCHOOLING, "cycle": cycle.pk}),
                ),
                wrong,
            )
        )
        served = intersection(Span(cycle.start, cycle.end), elapsed) if elapsed else None
        terms = [
            term
            for term in (semester_spans(cycle.start.year, cycle.end.year) if served else [])
            if semesters_served(term, served) == 1
        ]
        met, short = 0, []
        schools = {
            link.recipient_school_id: link.recipient_school.name
            for ls in members.values()
            for link in ls
        }
        for school_id, name in schools.items():
            for term in terms:
                staff = sum(
                    count
                    for sid, date, count in data.dispatches
                    if sid == school_id and term.start <= date <= term.end
                )
                if t.within(staff, t.GROUP_SCHOOLING_STAFF):
                    met += 1
                else:
                    short.append(f"{name} {term.start:%Y-%m}: {staff}")
        total = met + len(short)
        lines.append(
            with_records(
                Line(
                    f"group-staff-{group.pk}-{cycle.pk}",
                    _("Staff sent to member schools a semester, %(cycle)s") % {"cycle": cycle},
                    _("%(low)s–%(high)s a semester")
                    % dict(zip(("low", "high"), t.GROUP_SCHOOLING_STAFF, strict=True)),
                    _("%(met)s of %(total)s school semesters") % {"met": met, "total": total},
                    None if total == 0 else not short,
                ),
                short,
            )
        )
    return lines
