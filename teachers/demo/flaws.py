"""Data-quality flaws in the live year's editable teachers returns, so that the
demo shows what a county sees before it can submit: a warning to explain and an error to
correct. Runs after the review history (`jiangmen_edu.demo.AFTER_HISTORY`): only a return
the city has not locked may still hold a flaw.
"""

import datetime
import random
from decimal import Decimal

from jiangmen_edu.demo.core import CURRENT_YEAR
from jiangmen_edu.models import Section, YearlyReturn
from teachers.models import Post, ResearcherDuty, StaffYear, TrainingRecord

LONG_COURSE = ("广东省中小学教师发展中心", "省级骨干教师跟岗研修（脱产）", Decimal(180))


def after_history(rng: random.Random, scale: str) -> dict[str, int]:
    """Per editable return: one teacher with a long extra course (T05); in the first such
    return, a researcher's "in post since" typed as a year to come (T02)."""
    editable = YearlyReturn.objects.filter(
        reporting_year__year=CURRENT_YEAR,
        section=Section.TEACHERS,
        status__in=YearlyReturn.Status.EDITABLE,
    ).order_by("unit__order")
    provider, course, hours = LONG_COURSE
    counts = {"long_courses": 0, "typos": 0}
    for number, yearly_return in enumerate(editable):
        planted = TrainingRecord.objects.filter(
            staff__unit=yearly_return.unit, date__year=CURRENT_YEAR, course=course
        )
        if planted.exists():
            counts["units_skipped"] = counts.get("units_skipped", 0) + 1
            continue
        teachers = StaffYear.objects.filter(
            unit=yearly_return.unit, year=CURRENT_YEAR, post=Post.TEACHER
        ).order_by("staff__staff_no")
        teacher = rng.choice(list(teachers.values_list("staff_id", flat=True)[:50]))
        TrainingRecord.objects.create(
            staff_id=teacher,
            date=datetime.date(CURRENT_YEAR, 7, 6),
            hours=hours,
            level=TrainingRecord.Level.PROVINCIAL,
            provider=provider,
            course=course,
        )
        counts["long_courses"] += 1
        duty = ResearcherDuty.objects.filter(
            staff__unit=yearly_return.unit, year=CURRENT_YEAR
        ).first()
        if number == 0 and duty is not None:
            duty.in_post_since = CURRENT_YEAR + 1
            duty.save(update_fields=["in_post_since"])
            counts["typos"] += 1
    return counts
