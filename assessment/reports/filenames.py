"""The names of the assessment's downloads, in the site's language (docs/assessment.md#results).

Whole phrases for the translators, never words glued into an f-string (which `makemessages`
cannot see, so the name came out half English).
"""

from django.utils.translation import gettext as _


def county_report(year: int, county: str) -> str:
    """The county PDF: "2025年度台山市考核评价报告.pdf"."""
    return _("%(year)s %(county)s assessment report.pdf") % {"year": year, "county": county}


def city_report(year: int) -> str:
    """The city PDF: "2025年度江门市考核评价报告.pdf"."""
    return _("%(year)s Jiangmen assessment report.pdf") % {"year": year}


def overview(year: int, *, draft: bool) -> str:
    """The overview's xlsx, marked when it shows a draft run."""
    if draft:
        return _("%(year)s assessment overview (draft).xlsx") % {"year": year}
    return _("%(year)s assessment overview.xlsx") % {"year": year}
