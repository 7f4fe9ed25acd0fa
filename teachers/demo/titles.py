"""Talent titles (docs/rules.md#headline-counts): each year's city-level excellent teachers,
county-level famous teachers and key principals, people not yet titled first."""

import random
from collections import defaultdict
from typing import TYPE_CHECKING

from jiangmen_edu.demo.core import YEARS
from jiangmen_edu.models import Unit
from teachers.demo.people import Person
from teachers.demo.profiles import Sizes
from teachers.models import Employment, Post, TalentTitle, Title

if TYPE_CHECKING:
    from teachers.demo.plan import UnitPlan


def talent_titles(rng: random.Random, plan: "UnitPlan", sizes: Sizes) -> list[TalentTitle]:
    """The unit's talent titles of every year, as many as `sizes` says (市直: fewer)."""
    titles = []
    county = plan.unit.kind == Unit.Kind.COUNTY
    titled: set[tuple[int, str]] = set()
    by_year: dict[int, list[tuple[Person, str]]] = defaultdict(list)
    for person in plan.people:
        for year, _school, _stage, post, _subject in person.rows:
            by_year[year].append((person, post))
    kind = TalentTitle.Kind
    for year in YEARS:
        present = by_year[year]
        excellent = [
            p
            for p, post in present
            if post == Post.TEACHER
            and p.employment == Employment.ON_STAFF
            and p.teaching_years(year) >= 8
            and p.title_in(year) >= Title.INTERMEDIATE
        ]
        famous = [
            p
            for p, post in present
            if post == Post.TEACHER and p.teaching_years(year) >= 5
            and p.title_in(year) >= Title.JUNIOR
        ]  # fmt: skip
        principals = [p for p, post in present if post == Post.PRINCIPAL]
        base, extra = sizes.city_excellent
        awards = [
            (kind.CITY_EXCELLENT_TEACHER, TalentTitle.Level.CITY, excellent,
             base + rng.randint(0, extra) if county else max(1, base * 2 // 3)),
            (kind.COUNTY_FAMOUS_TEACHER, TalentTitle.Level.COUNTY, famous,
             sizes.county_famous[0] + rng.randint(0, sizes.county_famous[1]) if county else 0),
            (kind.KEY_PRINCIPAL, None, principals,
             sizes.key_principals if county else max(1, sizes.key_principals // 2 + 1)),
        ]  # fmt: skip
        chosen_this_year: set[int] = set()
        for title_kind, level, pool, count in awards:
            pool = [p for p in pool if id(p) not in chosen_this_year]
            fresh = [p for p in pool if (id(p), title_kind) not in titled]
            again = [p for p in pool if (id(p), title_kind) in titled]
            count = min(count, len(pool))
            picked = rng.sample(fresh, min(count, len(fresh)))
            picked += rng.sample(again, count - len(picked))
            for person in picked:
                titled.add((id(person), title_kind))
                chosen_this_year.add(id(person))
                titles.append(
                    TalentTitle(
                        staff_id=person.staff_id,
                        kind=title_kind,
                        level=level
                        or (
                            TalentTitle.Level.CITY
                            if rng.random() < 0.4
                            else TalentTitle.Level.COUNTY
                        ),
                        year=year,
                    )
                )
    return titles
