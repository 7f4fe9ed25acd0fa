"""Data-quality rules of the teachers return (docs/rules.md#data-quality; the
figures of docs/rules.md#teachers that items 2.1–2.3 are computed from).

Each rule reads one county's teachers data of one year (and, for the year-over-year rules,
the year before) through `teachers.selectors`, in a fixed number of queries. Record labels
name people as `Staff.__str__` does; links go to the record list filtered to the record, a
page every role may open (the edit page is the county editor's only).
"""

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from math import floor
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.models import Section, Severity
from jiangmen_edu.quality.registry import Context, Hit, rule
from teachers.dashboard.figures import stage_label
from teachers.models import Employment, Post, ResearcherDuty, Staff
from teachers.rules.principals import MAX_CONSECUTIVE_TERMS
from teachers.rules.shares import percent_text
from teachers.selectors.base import tenths_to_hours
from teachers.selectors.degrees import degree_shares, degree_shares_by_year
from teachers.selectors.principals import appointments_beyond_term
from teachers.selectors.researchers import (
    days_in_year,
    duties_out_of_range,
    no_researchers_stated,
)
from teachers.selectors.roster import roster_counts, rows_at_schools_elsewhere
from teachers.selectors.temporary import temp_teacher_figures_within
from teachers.selectors.training import staff_with_hours_over

DEGREE_MOVE_POINTS = Decimal(10)
TEMP_RATIO_MOVE_POINTS = Decimal(5)
YEARLY_TRAINING_HOURS = Decimal(200)
PERCENTAGE_POINTS = gettext_lazy("Percentage points")


def _threshold(context: Context, default: Decimal) -> Decimal:
    # A rule with a threshold always gets one from the city's settings; the default guards a
    # setting row written without one.
    return default if context.threshold is None else context.threshold


def _url(name: str, *args, **query) -> str:
    return f"{reverse(name, args=args)}?{urlencode(query)}"


def _list_url(slug: str, context: Context, staff: Staff | None = None, **query) -> str:
    """A record list of the county, narrowed to a person by staff number when given."""
    query["unit"] = context.unit.code
    if staff is not None:
        query["q"] = staff.staff_no
    return _url(f"teachers:{slug}_list", **query)


def _points(change: Fraction) -> str:
    """A change of share in percentage points, signed, to 2 decimals (display only, I-7)."""
    with localcontext() as decimal_context:
        decimal_context.prec = 28
        points = Decimal(change.numerator * 100) / Decimal(change.denominator)
    return f"{points.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):+}"


def _moved_more_than(previous: Fraction, current: Fraction, points: Decimal) -> bool:
    """Whether two shares differ by more than `points` percentage points, exactly."""
    return abs(current - previous) * 100 > Fraction(points)


@rule(
    code="T01",
    section=Section.TEACHERS,
    severity=Severity.ERROR,
    title=gettext_lazy("Staff at a school of another county"),
    message=gettext_lazy(
        "%(label)s is on the %(year)s roster of %(unit)s at %(school)s, "
        "but that school belongs to %(school_unit)s."
    ),
    source=gettext_lazy(
        "Every school belongs to one county, and a county enters only its own data"
    ),
)
def staff_at_school_elsewhere(context: Context) -> Iterator[Hit]:
    for row in rows_at_schools_elsewhere([context.unit.pk], context.year):
        yield Hit(
            key=f"staff:{row.staff_id}",
            label=str(row.staff),
            params={
                "year": context.year,
                "unit": row.unit.name,
                "school": row.school.name,
                "school_unit": row.school.unit.name,
            },
            url=_list_url("roster", context, row.staff, year=context.year),
        )


@rule(
    code="T02",
    section=Section.TEACHERS,
    severity=Severity.ERROR,
    title=gettext_lazy("Impossible figure"),
    message=gettext_lazy(
        "%(label)s, %(year)s: %(figure)s %(value)s is impossible; it can be at most %(maximum)s."
    ),
    source=gettext_lazy("New Strong Teacher plan: teaching researchers' yearly duties"),
)
def impossible_figures(context: Context) -> Iterator[Hit]:
    # The other teachers figures are guarded by the database: pay and training hours by check
    # constraints, counts and years by unsigned columns, and shares are computed, not entered.
    days = days_in_year(context.year)
    for duty in duties_out_of_range([context.unit.pk], context.year):
        url = _list_url("researcher_duty", context, duty.staff, year=context.year)
        checks = (
            ("guidance_days", duty.guidance_days, days),
            ("in_post_since", duty.in_post_since, context.year),
        )
        for field, value, maximum in checks:
            if value > maximum:
                yield Hit(
                    key=f"duty:{duty.pk}:{field}",
                    label=str(duty.staff),
                    params={
                        "year": context.year,
                        "figure": str(ResearcherDuty._meta.get_field(field).verbose_name),
                        "value": value,
                        "maximum": maximum,
                    },
                    url=url,
                )


@rule(
    code="T03",
    section=Section.TEACHERS,
    severity=Severity.WARNING,
    title=gettext_lazy("Degree share moved sharply"),
    message=gettext_lazy(
        "%(label)s: full-time teachers with the target degree went from %(previous)s in "
        "%(previous_year)s to %(current)s in %(year)s, %(change)s percentage points, more "
        "than %(threshold)s."
    ),
    source=gettext_lazy("New Strong Teacher plan: degree targets by 2025; indicator 2.1"),
    default_threshold=DEGREE_MOVE_POINTS,
    threshold_label=PERCENTAGE_POINTS,
)
def degree_share_moved(context: Context) -> Iterator[Hit]:
    points = _threshold(context, DEGREE_MOVE_POINTS)
    by_year = degree_shares_by_year([context.unit.pk], [context.year - 1, context.year])
    previous = {share.key: share.share for share in by_year[context.year - 1]}
    for share in by_year[context.year]:
        before = previous[share.key]
        # A stage without full-time teachers in either year has no share to compare (I-1).
        if before is None or share.share is None:
            continue
        if _moved_more_than(before, share.share, points):
            yield Hit(
                key=f"stage:{share.key}",
                label=stage_label(share.key),
                params={
                    "previous": percent_text(before),
                    "previous_year": context.year - 1,
                    "current": percent_text(share.share),
                    "year": context.year,
                    "change": _points(share.share - before),
                },
                url=_url(
                    "teachers:drilldown",
                    f"degree_{share.key}",
                    unit=context.unit.code,
                    year=context.year,
                ),
            )


@rule(
    code="T04",
    section=Section.TEACHERS,
    severity=Severity.WARNING,
    title=gettext_lazy("Temporary-teacher ratio moved sharply"),
    message=gettext_lazy(
        "%(label)s went from %(previous)s in %(previous_year)s to %(current)s in %(year)s, "
        "%(change)s percentage points, more than %(threshold)s."
    ),
    source=gettext_lazy("New Strong Teacher plan: temporary teachers; indicator 2.3c"),
    default_threshold=TEMP_RATIO_MOVE_POINTS,
    threshold_label=PERCENTAGE_POINTS,
)
def temp_ratio_moved(context: Context) -> Iterator[Hit]:
    points = _threshold(context, TEMP_RATIO_MOVE_POINTS)
    figures = temp_teacher_figures_within([context.unit.pk], [context.year - 1, context.year])
    if context.year - 1 not in figures or context.year not in figures:
        return
    before, now = figures[context.year - 1].ratio.ratio, figures[context.year].ratio.ratio
    # None: temporary teachers without on-staff staff to divide by; T07 reports that.
    if before is None or now is None or not _moved_more_than(before, now, points):
        return
    yield Hit(
        key="temp_ratio",
        label=_("Temporary teachers / on-staff staff of public schools"),
        params={
            "previous": percent_text(before),
            "previous_year": context.year - 1,
            "current": percent_text(now),
            "year": context.year,
            "change": _points(now - before),
        },
        url=_url("teachers:drilldown", "temporary", unit=context.unit.code, year=context.year),
    )


@rule(
    code="T05",
    section=Section.TEACHERS,
    severity=Severity.WARNING,
    title=gettext_lazy("Unusually many training hours"),
    message=gettext_lazy(
        "%(label)s has %(hours)s hours of continuing training dated in %(year)s, more than "
        "%(threshold)s (principal qualification training is not counted)."
    ),
    source=gettext_lazy(
        "New Strong Teacher plan: at least 450 training hours per teacher every 5 years"
    ),
    default_threshold=YEARLY_TRAINING_HOURS,
    threshold_label=gettext_lazy("Training hours in one year"),
)
def training_hours_over(context: Context) -> Iterator[Hit]:
    hours = _threshold(context, YEARLY_TRAINING_HOURS)
    for staff in staff_with_hours_over([context.unit.pk], context.year, hours):
        yield Hit(
            key=f"staff:{staff.pk}",
            label=str(staff),
            params={"year": context.year, "hours": str(tenths_to_hours(staff.training_tenths))},
            url=_list_url("training", context, staff, year=context.year),
        )


@rule(
    code="T06",
    section=Section.TEACHERS,
    severity=Severity.WARNING,
    title=gettext_lazy("Principal beyond the consecutive terms allowed"),
    message=gettext_lazy(
        "%(label)s, principal of %(school)s, is in consecutive term %(term)s in %(year)s; "
        "at most %(threshold)s consecutive terms are allowed in one post."
    ),
    source=gettext_lazy(
        "New Strong Teacher plan: a principal serves at most 2 consecutive terms in one post"
    ),
    default_threshold=Decimal(MAX_CONSECUTIVE_TERMS),
    threshold_label=gettext_lazy("Highest consecutive term allowed"),
)
def principal_beyond_term(context: Context) -> Iterator[Hit]:
    max_term = floor(_threshold(context, Decimal(MAX_CONSECUTIVE_TERMS)))
    for appointment in appointments_beyond_term([context.unit.pk], context.year, max_term):
        yield Hit(
            key=f"appointment:{appointment.pk}",
            label=str(appointment.staff),
            params={
                "school": appointment.school.name,
                "year": context.year,
                "term": appointment.consecutive_term,
            },
            url=_list_url("appointment", context, appointment.staff),
        )


@rule(
    code="T07",
    section=Section.TEACHERS,
    severity=Severity.ERROR,
    title=gettext_lazy("Data the assessment needs is missing"),
    message=gettext_lazy(
        "%(label)s: nothing recorded for %(year)s, but assessment item %(item)s is computed "
        "from it."
    ),
    source=gettext_lazy("Indicators 2.1, 2.2, 2.3b and 2.3c are computed from these figures"),
)
def assessment_figures_missing(context: Context) -> Iterator[Hit]:
    if not context.unit.is_assessed:
        return
    unit, year = context.unit, context.year
    counts = roster_counts([unit.pk], year)
    missing: list[tuple[str, str, str, dict[str, str]]] = []
    if not counts.rows:
        missing.append(("roster", _("Staff roster"), "2.1, 2.2, 2.3b, 2.3c", {}))
    else:
        teachers = sum(share.total for share in degree_shares([unit.pk], year))
        temps = temp_teacher_figures_within([unit.pk], [year])[year]
        ratio, pay = temps.ratio, temps.pay
        if not teachers:
            missing.append(("teachers", str(Post.TEACHER.label), "2.1", {"post": Post.TEACHER}))
        # No researcher is a figure only when the county states it (docs/rules.md#i-11).
        if not counts.researchers and unit.pk not in no_researchers_stated([unit.pk], year):
            missing.append(
                (
                    "researchers",
                    _("Teaching researchers, or the statement that there are none"),
                    "2.2",
                    {},
                )
            )
        if not ratio.on_staff_staff:
            on_staff = {"employment": Employment.ON_STAFF}
            missing.append(("on_staff", _("On-staff staff"), "2.3c", on_staff))
        # Pay is compared only when there are temporary teachers (item 2.3b).
        if ratio.temporary_teachers and not pay.temp_paid:
            temporary = {"post": Post.TEACHER, "employment": Employment.TEMPORARY}
            missing.append(("temp_pay", _("Temporary teachers paid"), "2.3b", temporary))
        if ratio.temporary_teachers and not pay.on_staff_paid:
            on_staff = {"post": Post.TEACHER, "employment": Employment.ON_STAFF}
            missing.append(("on_staff_pay", _("On-staff teachers paid"), "2.3b", on_staff))
    for key, label, item, query in missing:
        # Researchers are added on the roster or stated absent on the researchers' page.
        slug = "researcher_duty" if key == "researchers" else "roster"
        yield Hit(
            key=f"figure:{key}",
            label=label,
            params={"year": year, "item": item},
            url=_list_url(slug, context, year=year, **query),
        )
