"""Helpers of the dashboard tests: URLs and reading the pages' data attributes."""

import re
import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.teachers.factories import YEAR

SVG = "{http://www.w3.org/2000/svg}"


def dashboard_url(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in {"year": YEAR, **params}.items())
    return f"{reverse('teachers:dashboard')}?{query}"


def drilldown_url(slug: str, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in {"year": YEAR, **params}.items())
    return f"{reverse('teachers:drilldown', args=[slug])}?{query}"


def figure_rows(html: str) -> dict[str, dict[str, str]]:
    """Each figure row of the dashboard: its status, gap and drill-down link, by figure key."""
    rows = {}
    pattern = r'<tr data-figure="([^"]+)" data-passed="(\w+)" data-gap="(\d*)">(.*?)</tr>'
    for key, passed, gap, cells in re.findall(pattern, html, re.S):
        link = re.search(r'<a href="([^"]+)" data-testid="drilldown-link">', cells)
        rows[key] = {
            "passed": passed,
            "gap": gap,
            "cells": cells,
            "link": link.group(1).replace("&amp;", "&") if link else "",
        }
    return rows


def comparison_cells(html: str) -> dict[tuple[str, str], str]:
    """(unit code, figure key) → pass/fail/none, from the city's comparison table."""
    table = html[html.index('data-testid="comparison"') :]
    table = table[: table.index("</table>")]
    cells = {}
    for code, row in re.findall(r'<tr data-unit="(\d+)">(.*?)</tr>', table, re.S):
        for key, passed in re.findall(r'data-figure="([^"]+)" data-passed="(\w+)"', row):
            cells[code, key] = passed
    return cells


def svgs(html: str) -> list[ET.Element]:
    """Every inline SVG chart of a page, parsed as XML (which fails if one is not well formed)."""
    return [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", html, re.S)]


def drilldown_staff_numbers(html: str) -> list[str]:
    """The staff numbers in a drill-down's table (third column of staff and principal lists,
    second of researchers' and people's)."""
    body = html[html.index('data-testid="drilldown"') :]
    body = body[body.index("<tbody>") : body.index("</tbody>")]
    return re.findall(r"<td>([A-Z]\d+)</td>", body)
