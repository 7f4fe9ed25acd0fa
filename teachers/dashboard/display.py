"""How the teachers dashboard shows its figures: each as a table row (value, target, pass or
fail, the gap to target, the sentence, the 口径说明), the city's comparison of units, the SVG
charts and the researcher coverage grid. Plain functions over the selectors' results: no
queries except the comparison's and the charts' selectors they call.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from jiangmen_edu.charts import Series, line_chart, percent
from jiangmen_edu.models import Stage, Unit
from teachers.dashboard.drilldowns import FIGURE_DRILLDOWNS
from teachers.dashboard.figures import Figure, headline_label, principal_group_label, stage_label
from teachers.dashboard.scope import Scope
from teachers.dashboard.selectors import (
    COMPARISON_KEYS,
    COVERAGE_POINTS,
    NOTES,
    ComparisonRow,
    History,
    TeacherDashboard,
    comparison,
)
from teachers.models import Subject
from teachers.rules.degrees import DEGREE_TARGETS
from teachers.rules.headlines import HEADLINE_TARGETS, Headline
from teachers.rules.researchers import CURRICULUM_BY_STAGE, REQUIRED_SUBJECTS, CoverageResult
from teachers.rules.shares import percent_text
from teachers.rules.temporary import TEMP_RATIO_MAX, TempRatioCategory

# --- one figure as a table row ----------------------------------------------------------------

# Figures whose value is "so many of all of them": shown as "value / total".
_OF_ALL = {
    "training.cycle",
    "training.researchers",
    "training.new_principals",
    "researchers",
    "coverage",
}


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    label: str
    value: str
    detail: str
    target: str
    status: str  # "pass", "fail" or "none" (not assessed)
    gap: str
    notes: tuple[str, ...]
    url: str

    @property
    def gap_number(self) -> str:
        """The gap as a bare number for data attributes, where it is counted (people, pairs,
        appointments); empty when the figure passes or the gap is in yuan."""
        if self.status != "fail":
            return ""
        return str(self.figure.gap_people) if self.figure.gap_people is not None else ""


def status_of(passed: bool | None) -> str:
    return {True: "pass", False: "fail"}.get(passed, "none")


def _label(key: str, board: TeacherDashboard) -> str:
    kind, _dot, name = key.partition(".")
    if kind == "degree":
        return stage_label(name)
    if kind == "principal_degree":
        return principal_group_label(name)
    if kind == "talent":
        return headline_label(Headline(name))
    start, end = board.training.cycle
    return {
        "temp.ratio": _("Temporary teachers / on-staff staff of public schools"),
        "temp.pay": _("Temporary teachers' average pay / on-staff teachers'"),
        "training.cycle": _("On schedule for 450 hours in %(start)s–%(end)s")
        % {"start": start, "end": end},
        "training.researchers": _("Teaching researchers with 90 hours this year"),
        "training.city_level": _("Full-time teachers with city-level training this year"),
        "training.new_principals": _("New principals trained within a year of appointment"),
        "principals": _("Principal appointments breaking a rule"),
        "researchers": _("Teaching researchers meeting every requirement"),
        "coverage": _("Stage–subject pairs with a full-time researcher"),
    }[key]


def value_text(figure: Figure) -> str:
    value = figure.value
    if value is None:
        return "—"
    if isinstance(value, Fraction):
        return percent_text(value)
    if figure.key in _OF_ALL:
        return f"{value} / {figure.target}"
    return str(value)


def target_text(figure: Figure) -> str:
    target = figure.target
    if target is None:
        return "—"
    if figure.key in _OF_ALL:
        return f"{target} / {target}"
    text = percent_text(target) if isinstance(target, Fraction) else str(target)
    if figure.key == "temp.ratio":
        return f"≤ {text}"
    if figure.key == "principals":
        return text
    headline = figure.key.removeprefix("talent.")
    if headline != figure.key and HEADLINE_TARGETS[Headline(headline)].exclusive:
        return f"> {text}"  # 超过: the target itself falls short
    return f"≥ {text}"


def _gap_text(figure: Figure, board: TeacherDashboard) -> str:
    if figure.passed is not False:
        return "—"
    if figure.key == "temp.pay":
        return _("%(amount)s yuan a year") % {"amount": board.temp.pay.pay_short}
    count = figure.gap_people or 0
    if count == 0:
        return "—"
    if figure.key == "coverage":
        return ngettext("%(count)s stage–subject pair", "%(count)s stage–subject pairs", count) % {
            "count": count
        }
    if figure.key == "principals":
        return ngettext("%(count)s appointment", "%(count)s appointments", count) % {"count": count}
    return ngettext("%(count)s person", "%(count)s people", count) % {"count": count}


def _yuan(total: Decimal, people: int) -> str:
    return f"{(total / people).quantize(Decimal('0.01'))}" if people else "—"


def _details(board: TeacherDashboard) -> dict[str, str]:
    """The counts behind the shares, shown under their values."""
    details = {}
    for share in board.degree_shares:
        details[f"degree.{share.key}"] = f"{share.count} / {share.total}"
    for share in board.principal_degrees:
        details[f"principal_degree.{share.key}"] = f"{share.count} / {share.total}"
    ratio, pay = board.temp.ratio, board.temp.pay
    details["temp.ratio"] = f"{ratio.temporary_teachers} / {ratio.on_staff_staff}"
    details["temp.pay"] = (
        f"{_yuan(pay.temp_pay_total, pay.temp_paid)} / "
        f"{_yuan(pay.on_staff_pay_total, pay.on_staff_paid)}"
    )
    city = board.training.city_level
    details["training.city_level"] = f"{city.count} / {city.total}"
    return details


def drilldown_url(figure_key: str, scope: Scope, unit: Unit | None = None) -> str:
    if figure_key == "coverage":
        return "#coverage"
    slug = FIGURE_DRILLDOWNS.get(figure_key)
    if slug is None:
        return ""
    query = scope.query(**({"unit": unit.code} if unit else {}))
    return f"{reverse('teachers:drilldown', args=[slug])}?{query}"


def figure_rows(board: TeacherDashboard, scope: Scope) -> dict[str, FigureRow]:
    details = _details(board)
    return {
        figure.key: FigureRow(
            figure=figure,
            label=_label(figure.key, board),
            value=value_text(figure),
            detail=details.get(figure.key, ""),
            target=target_text(figure),
            status=status_of(figure.passed),
            gap=_gap_text(figure, board),
            notes=figure.notes,
            url=drilldown_url(figure.key, scope),
        )
        for figure in board.figures
    }


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    rows: list[FigureRow]

    @property
    def notes(self) -> list[tuple[str, str]]:
        """The 口径说明 of the section's figures, each once, in the order of
        docs/rules.md#interpretations."""
        codes = {code for row in self.rows for code in row.notes}
        return [(code, str(text)) for code, text in NOTES.items() if code in codes]


def sections(board: TeacherDashboard, scope: Scope) -> list[Section]:
    rows = figure_rows(board, scope)

    def pick(*prefixes: str) -> list[FigureRow]:
        return [row for key, row in rows.items() if key.startswith(prefixes)]

    return [
        Section("degrees", _("Degree shares of full-time teachers (item 2.1)"), pick("degree.")),
        Section("principal_degrees", _("Principals' degrees"), pick("principal_degree.")),
        Section("temporary", _("Temporary teachers (items 2.3b, 2.3c)"), pick("temp.")),
        Section("training", _("Training"), pick("training.")),
        Section("principals", _("Principals"), pick("principals")),
        Section("researchers", _("Teaching researchers (item 2.2)"), pick("researchers", "cov")),
        Section("talents", _("Headline counts (city-wide targets)"), pick("talent.")),
    ]


# --- the rest of the page ---------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonCell:
    figure: Figure
    value: str
    status: str
    url: str


def comparison_table(scope: Scope) -> tuple[list[str], list[tuple[ComparisonRow, list]]]:
    labels = {
        **{f"degree.{key}": stage_label(key) for key in DEGREE_TARGETS},
        "temp.ratio": _("Temporary ratio"),
        "temp.pay": _("Temporary pay"),
        "training.cycle": _("Training on schedule"),
        "training.city_level": _("City-level training"),
    }
    headers = [labels[key] for key in COMPARISON_KEYS]
    table = []
    for row in comparison(scope.choices, scope.year):
        cells = [
            ComparisonCell(
                figure,
                value_text(figure),
                status_of(figure.passed),
                drilldown_url(figure.key, scope, row.unit) if figure.value is not None else "",
            )
            for figure in row.figures
        ]
        table.append((row, cells))
    return headers, table


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString


def charts(past: History) -> list[Chart]:
    """Degree shares per stage group and the temporary-teacher ratio over the years."""
    result = []
    shares = {
        year: {share.key: share.share for share in past.degree_shares[year]} for year in past.years
    }
    for key, target in DEGREE_TARGETS.items():
        values = [shares[year][key] for year in past.years]
        result.append(_chart(stage_label(key), past.years, values, target.share))
    values = [past.temp[year].ratio.ratio for year in past.years]
    result.append(
        _chart(_("Temporary teachers / on-staff staff"), past.years, values, TEMP_RATIO_MAX)
    )
    return result


def _chart(title: str, years: list[int], values: list[Fraction | None], target: Fraction) -> Chart:
    """A share over the years against its target; the page captions it with `title`."""
    svg = line_chart(
        [str(year) for year in years],
        [Series(title, values)],
        title=title,
        target=target,
        target_label=_("Target %(target)s") % {"target": percent_text(target)},
        ceiling=1,
        value_format=percent,
        heading=False,
        width=360,
        height=200,
    )
    return Chart(title, svg)


def coverage_matrix(coverage: CoverageResult) -> dict:
    """The stage × subject grid of item 2.2: covered, missing, or not required."""
    subjects = [subject for subject in Subject.values if subject in REQUIRED_SUBJECTS]
    rows = []
    for stage, required in CURRICULUM_BY_STAGE.items():
        cells = []
        for subject in subjects:
            if subject not in required:
                cells.append("")
            elif (stage, subject) in coverage.covered:
                cells.append("covered")
            else:
                cells.append("missing")
        rows.append((Stage(stage).label, cells))
    return {
        "subjects": [Subject(subject).label for subject in subjects],
        "rows": rows,
        "points": COVERAGE_POINTS[coverage.category],
    }


def finding_counts(findings_lists, labels, breaches=frozenset()) -> list[tuple[str, int, bool]]:
    """How many alerts or checks have each finding, most frequent first."""
    counts = Counter(finding for findings in findings_lists for finding in findings)
    return [
        (str(labels[finding]), count, finding in breaches)
        for finding, count in counts.most_common()
    ]


TEMP_CATEGORY_LABELS = {
    TempRatioCategory.WITHIN: gettext_lazy("within 5 %"),
    # xgettext:no-python-format
    TempRatioCategory.FELL_AT_LEAST_THRESHOLD: gettext_lazy("fell by 20 % or more since last year"),
    # xgettext:no-python-format
    TempRatioCategory.FELL_LESS: gettext_lazy("fell by less than 20 % since last year"),
    TempRatioCategory.UNCHANGED: gettext_lazy("unchanged since last year (I-2)"),
    TempRatioCategory.ROSE: gettext_lazy("rose since last year"),
    TempRatioCategory.NO_LAST_YEAR: gettext_lazy("no figure for last year (I-3), to be checked"),
}
