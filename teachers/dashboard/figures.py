"""Each teachers figure as the pages show it: value, target, pass or fail, the gap in people
and a sentence saying it (docs/rules.md#value-added), with the interpretations behind it
(口径说明)."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jiangmen_edu.models import Stage
from teachers.models import Degree
from teachers.rules.degrees import PRINCIPALS_KINDERGARTEN, SENIOR_STAGE
from teachers.rules.headlines import Headline, HeadlineResult
from teachers.rules.researchers import CoverageCategory, CoverageResult
from teachers.rules.shares import ShareResult, percent_text
from teachers.rules.temporary import (
    TEMP_PAY_RATIO_MIN,
    TEMP_RATIO_MAX,
    PayRatioResult,
    TempRatioCategory,
    TempRatioResult,
)
from teachers.rules.training import RESEARCHER_HOURS_PER_YEAR
from teachers.selectors.principals import PrincipalAlert
from teachers.selectors.researchers import ResearcherCheck
from teachers.selectors.training import TrainingStatus


@dataclass(frozen=True)
class Figure:
    """One figure as the pages show it. `passed` None: not assessed or not applicable.

    `notes` are the interpretations behind the figure (I-1 …, docs/rules.md#interpretations), for
    the 口径说明.
    """

    key: str
    value: Fraction | Decimal | int | None
    target: Fraction | Decimal | int | None
    passed: bool | None
    gap_people: int | None
    message: str
    notes: tuple[str, ...] = ()


def stage_label(key: str) -> str:
    if key == SENIOR_STAGE:
        return _("Senior secondary stage (general and vocational)")
    return str(Stage(key).label)


def _degree_label(degree: Degree | None) -> str:
    return str(Degree(degree).label) if degree is not None else ""


def degree_figure(share: ShareResult) -> Figure:
    params = {
        "stage": stage_label(share.key),
        "degree": _degree_label(share.min_degree),
        "target": percent_text(share.target),
        "count": share.people_needed,
    }
    if share.share is None:
        message = _("%(stage)s has no full-time teachers and is not assessed") % params
    elif share.passed:
        params["share"] = percent_text(share.share)
        message = (
            _(
                "%(stage)s: %(share)s of full-time teachers hold a %(degree)s or above, "
                "meeting the target of %(target)s"
            )
            % params
        )
    else:
        message = (
            ngettext(
                "%(stage)s needs %(count)s more teacher with a %(degree)s or above "
                "to reach %(target)s",
                "%(stage)s needs %(count)s more teachers with a %(degree)s or above "
                "to reach %(target)s",
                share.people_needed,
            )
            % params
        )
    return Figure(
        f"degree.{share.key}",
        share.share,
        share.target,
        share.passed,
        share.people_needed,
        message,
        ("I-1", "I-7"),
    )


def principal_group_label(group: str) -> str:
    if group == PRINCIPALS_KINDERGARTEN:
        return _("Kindergarten heads")
    return _("Principals of primary and secondary schools")


def principal_degree_figure(share: ShareResult) -> Figure:
    params = {
        "group": principal_group_label(share.key),
        "degree": _degree_label(share.min_degree),
        "count": share.people_needed,
        "total": share.total,
    }
    if share.share is None:
        message = _("%(group)s: none on the roster") % params
    elif share.passed:
        message = _("%(group)s: all %(total)s hold a %(degree)s or above") % params
    else:
        message = (
            ngettext(
                "%(group)s: %(count)s still needs a %(degree)s or above",
                "%(group)s: %(count)s still need a %(degree)s or above",
                share.people_needed,
            )
            % params
        )
    return Figure(
        f"principal_degree.{share.key}",
        share.share,
        share.target,
        share.passed,
        share.people_needed,
        message,
        ("I-7",),
    )


def temp_ratio_figure(ratio: TempRatioResult) -> Figure:
    params = {
        "ratio": percent_text(ratio.ratio) if ratio.ratio is not None else "—",
        "target": percent_text(TEMP_RATIO_MAX),
        "count": ratio.teachers_over,
        "temps": ratio.temporary_teachers,
        "last": ratio.last_year_temporary_teachers,
    }
    if ratio.within:
        message = (
            _(
                "Temporary teachers are %(ratio)s of on-staff staff in public schools, "
                "within %(target)s"
            )
            % params
        )
    elif ratio.ratio is None:
        message = _("%(temps)s temporary teachers but no on-staff staff in public schools") % params
    else:
        message = (
            ngettext(
                "Temporary teachers are %(ratio)s of on-staff staff in public schools; "
                "%(count)s fewer would bring them within %(target)s",
                "Temporary teachers are %(ratio)s of on-staff staff in public schools; "
                "%(count)s fewer would bring them within %(target)s",
                ratio.teachers_over,
            )
            % params
        )
    if ratio.category is TempRatioCategory.NO_LAST_YEAR:
        message += " " + _("(no figure for last year to compare with)")
    elif not ratio.within:
        message += " " + _("(last year: %(last)s temporary teachers)") % params
    return Figure(
        "temp.ratio",
        ratio.ratio,
        TEMP_RATIO_MAX,
        ratio.within,
        ratio.teachers_over,
        message,
        ("I-2", "I-3", "I-7"),
    )


def temp_pay_figure(pay: PayRatioResult) -> Figure:
    target = percent_text(TEMP_PAY_RATIO_MIN)
    if pay.ratio is None:
        message = _("No temporary or on-staff teacher pay recorded; the pay ratio is not assessed")
    elif pay.passed:
        message = _(
            "Temporary teachers' average pay is %(ratio)s of on-staff teachers', meeting %(target)s"
        ) % {"ratio": percent_text(pay.ratio), "target": target}
    else:
        message = _(
            "Temporary teachers' average pay is %(ratio)s of on-staff teachers'; it must rise "
            "by %(amount)s yuan a year to reach %(target)s"
        ) % {"ratio": percent_text(pay.ratio), "amount": pay.pay_short, "target": target}
    return Figure("temp.pay", pay.ratio, TEMP_PAY_RATIO_MIN, pay.passed, None, message, ("I-7",))


def training_cycle_figure(people: int, behind: int, cycle: tuple[int, int]) -> Figure:
    """Teachers and principals on schedule for 450 hours in the cycle, of all of them."""
    start, end = cycle
    return Figure(
        "training.cycle",
        people - behind,
        people,
        behind == 0 if people else None,
        behind,
        ngettext(
            "%(count)s of %(people)s teachers and principals is behind the pro-rata share of "
            "450 training hours for %(start)s–%(end)s",
            "%(count)s of %(people)s teachers and principals are behind the pro-rata share of "
            "450 training hours for %(start)s–%(end)s",
            behind,
        )
        % {"count": behind, "people": people, "start": start, "end": end},
    )


def training_figures(training: TrainingStatus) -> list[Figure]:
    cycle = training_cycle_figure(training.people, training.behind, training.cycle)
    researchers = Figure(
        "training.researchers",
        training.researchers - training.researchers_below_hours,
        training.researchers,
        training.researchers_below_hours == 0 if training.researchers else None,
        training.researchers_below_hours,
        ngettext(
            "%(count)s of %(total)s teaching researchers has fewer than %(hours)s training "
            "hours this year",
            "%(count)s of %(total)s teaching researchers have fewer than %(hours)s training "
            "hours this year",
            training.researchers_below_hours,
        )
        % {
            "count": training.researchers_below_hours,
            "total": training.researchers,
            "hours": RESEARCHER_HOURS_PER_YEAR,
        },
    )
    new = training.new_principals
    behind = new.overdue + new.late
    new_principals = Figure(
        "training.new_principals",
        new.checked - behind,
        new.checked,
        behind == 0 if new.checked else None,
        new.overdue,
        ngettext(
            "%(count)s of %(total)s new principals missed qualification training within a year "
            "of appointment",
            "%(count)s of %(total)s new principals missed qualification training within a year "
            "of appointment",
            behind,
        )
        % {"count": behind, "total": new.checked},
    )
    city = city_training_figure(training.city_level)
    return [cycle, researchers, new_principals, city]


def city_training_figure(share: ShareResult) -> Figure:
    """City-level training in the year against 10 % of full-time teachers."""
    params = {"target": percent_text(share.target), "count": share.people_needed}
    if share.share is None:
        message = _("No full-time teachers: city-level training is not assessed")
    else:
        params["share"] = percent_text(share.share)
        message = (
            _("City-level training reached %(share)s of full-time teachers (target %(target)s)")
            % params
        )
        if not share.passed:
            message += " " + (
                ngettext(
                    "%(count)s more teacher needed",
                    "%(count)s more teachers needed",
                    share.people_needed,
                )
                % params
            )
    return Figure(
        "training.city_level",
        share.share,
        share.target,
        share.passed,
        share.people_needed,
        message,
        ("I-7",),
    )


def principal_figure(alerts: list[PrincipalAlert]) -> Figure:
    violations = sum(1 for alert in alerts if alert.violations)
    return Figure(
        "principals",
        violations,
        0,
        violations == 0,
        violations,
        ngettext(
            "%(count)s principal appointment breaks a rule; %(alerts)s need attention in all",
            "%(count)s principal appointments break a rule; %(alerts)s need attention in all",
            violations,
        )
        % {"count": violations, "alerts": len(alerts)},
    )


def researcher_figure(checks: list[ResearcherCheck]) -> Figure:
    short = sum(1 for check in checks if check.findings)
    return Figure(
        "researchers",
        len(checks) - short,
        len(checks),
        short == 0 if checks else None,
        short,
        ngettext(
            "%(count)s of %(total)s teaching researchers falls short of a requirement",
            "%(count)s of %(total)s teaching researchers fall short of a requirement",
            short,
        )
        % {"count": short, "total": len(checks)},
    )


def coverage_figure(coverage: CoverageResult) -> Figure:
    category = CoverageCategory
    if coverage.category is category.ALL_STAGES_AND_SUBJECTS:
        message = _("Every stage and subject has a full-time teaching researcher")
    elif coverage.category is category.SUBJECTS_ONLY:
        message = _(
            "Every subject has a full-time teaching researcher, but %(count)s stage–subject "
            "pairs have none"
        ) % {"count": len(coverage.missing)}
    else:
        message = _("%(count)s subjects have no full-time teaching researcher at any stage") % {
            "count": len(coverage.missing_subjects)
        }
    return Figure(
        "coverage",
        len(coverage.covered),
        coverage.required,
        coverage.category is category.ALL_STAGES_AND_SUBJECTS,
        len(coverage.missing),
        message,
    )


def headline_label(headline: Headline) -> str:
    return {
        Headline.FAMOUS_TEACHERS: _("Famous teachers trained in the plan period"),
        Headline.KEY_PRINCIPALS: _("Key principals trained in the plan period"),
        Headline.CITY_EXCELLENT_TEACHERS: _("City-level excellent teachers this year"),
        Headline.COUNTY_FAMOUS_TEACHERS: _("County-level famous teachers this year"),
        Headline.MOE_NORMAL_GRADUATES: _(
            "Young teachers recruited from the six MOE normal universities"
        ),
        Headline.STAFF: _("Education staff"),
    }[headline]


def headline_figure(headline: HeadlineResult) -> Figure:
    params = {
        "label": headline_label(headline.key),
        "value": headline.value,
        "target": headline.target,
        "count": headline.people_needed,
        "due": headline.due_year,
    }
    if not headline.city_wide:
        message = _("%(label)s: %(value)s, towards the city-wide target of %(target)s") % params
    elif headline.passed:
        message = _("%(label)s: %(value)s, meeting the target of %(target)s") % params
    elif headline.exclusive:
        message = (
            _("%(label)s: %(value)s; %(count)s more needed to exceed %(target)s by %(due)s")
            % params
        )
    else:
        message = (
            _("%(label)s: %(value)s; %(count)s more needed to reach %(target)s by %(due)s") % params
        )
    return Figure(
        f"talent.{headline.key}",
        headline.value,
        headline.target,
        headline.passed,
        headline.people_needed,
        message,
    )
