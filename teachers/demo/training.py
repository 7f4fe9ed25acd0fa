"""Continuing training (docs/rules.md#training): each year's records of every teacher, principal and
researcher, mostly on the 450-hours-per-5-years pace, at the levels the unit's profile says."""

import datetime
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from jiangmen_edu.demo.core import YEARS
from jiangmen_edu.models import Stage, Unit
from teachers.models import Post, TrainingRecord

if TYPE_CHECKING:
    from teachers.demo.plan import UnitPlan

CITY_PROVIDERS = ("江门市教师发展中心", "江门市教育研究院", "江门市教育局")
PROVINCIAL_PROVIDERS = ("广东省中小学教师发展中心", "广东第二师范学院", "华南师范大学")
COURSES = (
    "新课程标准解读与课堂实践",
    "大单元教学设计专题研修",
    "信息技术应用能力提升工程2.0",
    "师德师风专题教育",
    "班主任专业能力提升",
    "作业设计与评价改革",
    "“双减”背景下课堂提质增效",
    "学科核心素养导向的教学",
    "课例研究与听评课",
    "心理健康教育专题培训",
    "劳动教育课程实施",
    "教育科研方法与课题研究",
    "跨学科主题学习设计",
    "乡村教师能力素质提升",
    "新教师入职规范化培训",
)
STAGE_COURSES = {
    Stage.KINDERGARTEN: ("幼儿园游戏活动设计", "幼小科学衔接专题", "保育与安全管理"),
    Stage.SPECIAL: ("特殊儿童融合教育", "个别化教育计划编制"),
    Stage.VOCATIONAL: ("职业教育专业课程改革", "“双师型”教师企业实践"),
    Stage.SENIOR: ("新高考选课走班与生涯规划", "高中新课程新教材实施"),
}
RESEARCHER_COURSES = ("教研员专业能力提升研修", "区域教研与校本教研指导", "课堂观察与教学诊断")

HOURS = {n: Decimal(n) for n in range(1, 400)}
DAY_ONE = {year: datetime.date(year, 1, 1).toordinal() for year in YEARS}


def cut(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` hours in `parts` random parts (one, if too few to share)."""
    if parts == 1 or total < parts * 2:
        return [total]
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def training_records(rng: random.Random, plan: "UnitPlan") -> list[TrainingRecord]:
    """The unit's training records, each year on the roster (other staff have none)."""
    records = []
    unit_name = plan.unit.name
    county_providers = (
        ("江门市直属学校研训中心",)
        if plan.unit.kind == Unit.Kind.CITY_DIRECT
        else (f"{unit_name}教师发展中心", f"{unit_name}教育局教研室")
    )
    city_share = plan.profile.city_training
    for person in plan.people:
        staff_id = person.staff_id
        for year, school, stage, post, _subject in person.rows:
            if post == Post.OTHER:
                continue
            researcher = post == Post.RESEARCHER
            if researcher:
                total = rng.randint(55, 88) if person.behind else rng.randint(90, 130)
            else:
                total = rng.randint(30, 75) if person.behind else rng.randint(90, 120)
            parts = rng.choices((1, 2, 3), (35, 45, 20))[0]
            for hours in cut(rng, total, parts):
                level_draw = rng.random()
                if researcher:
                    level = (
                        TrainingRecord.Level.PROVINCIAL
                        if level_draw < 0.2
                        else TrainingRecord.Level.CITY
                        if level_draw < 0.55
                        else TrainingRecord.Level.COUNTY
                    )
                elif level_draw < city_share:
                    level = TrainingRecord.Level.CITY
                elif level_draw < city_share + 0.45:
                    level = TrainingRecord.Level.COUNTY
                else:
                    level = TrainingRecord.Level.SCHOOL
                if level == TrainingRecord.Level.CITY:
                    provider = rng.choice(CITY_PROVIDERS)
                elif level == TrainingRecord.Level.COUNTY:
                    provider = rng.choice(county_providers)
                elif level == TrainingRecord.Level.PROVINCIAL:
                    provider = rng.choice(PROVINCIAL_PROVIDERS)
                else:
                    provider = school.name[:60]
                if researcher:
                    course = rng.choice(RESEARCHER_COURSES)
                elif stage in STAGE_COURSES and rng.random() < 0.35:
                    course = rng.choice(STAGE_COURSES[stage])
                else:
                    course = rng.choice(COURSES)
                records.append(
                    TrainingRecord(
                        staff_id=staff_id,
                        date=datetime.date.fromordinal(DAY_ONE[year] + rng.randrange(365)),
                        hours=HOURS[hours],
                        level=level,
                        provider=provider,
                        course=course,
                    )
                )
    return records
