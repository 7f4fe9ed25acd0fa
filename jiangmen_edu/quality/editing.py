"""What people change: the county's explanations of warnings, the city's rule settings."""

from django.db import transaction
from django.utils.translation import gettext as _

from jiangmen_edu.models import (
    QualityExplanation,
    QualityRuleSetting,
    ReportingYear,
    Role,
    Severity,
    User,
    YearlyReturn,
)
from jiangmen_edu.permissions import require_role, require_unit
from jiangmen_edu.quality import registry
from jiangmen_edu.quality.services import findings_refresh_years_on_commit
from jiangmen_edu.workflow import WorkflowError, ensure_editable


def explanation_save(*, user: User, yearly_return: YearlyReturn, code: str, key: str, text: str):
    """Write, change or (with empty text) withdraw the county's explanation of a warning."""
    require_role(user, {Role.COUNTY_EDITOR})
    require_unit(user, yearly_return.unit)
    text = text.strip()
    with transaction.atomic():
        ensure_editable(
            unit=yearly_return.unit, year=yearly_return.year, section=yearly_return.section
        )
        finding = yearly_return.findings.filter(code=code, key=key).first()
        if finding is None:
            raise WorkflowError(_("That finding is no longer there; the data may have changed."))
        if finding.severity == Severity.ERROR:
            raise WorkflowError(_("An error cannot be explained away; please correct the data."))
        existing = yearly_return.explanations.filter(code=code, key=key).first()
        if not text:
            if existing:
                existing.delete()
            return None
        if existing is None:
            return QualityExplanation.objects.create(
                yearly_return=yearly_return, code=code, key=key, text=text, author=user
            )
        if existing.text != text:
            existing.text = text
            existing.author = user
            existing.save(update_fields=["text", "author", "written_at"])
        return existing


def explanations_save(*, user: User, yearly_return: YearlyReturn, explanations) -> None:
    """The return page's explanations, (code, key, text) each, saved all or nothing."""
    with transaction.atomic():
        for code, key, text in explanations:
            explanation_save(user=user, yearly_return=yearly_return, code=code, key=key, text=text)


def setting_save(
    *, user: User, reporting_year: ReportingYear, code: str, enabled: bool, threshold
) -> QualityRuleSetting:
    """The city administrator switches a rule on or off for a year, or sets its threshold."""
    require_role(user, {Role.CITY_ADMIN})
    rule = registry.get(code)
    if rule is None:
        raise WorkflowError(_("There is no data-quality rule %(code)s.") % {"code": code})
    if rule.default_threshold is None:
        threshold = None
    elif threshold is None or threshold < 0:
        raise WorkflowError(_("Please give the rule a threshold of zero or more."))
    setting, created = QualityRuleSetting.objects.get_or_create(
        reporting_year=reporting_year,
        code=code,
        defaults={"enabled": enabled, "threshold": threshold},
    )
    if not created and (setting.enabled, setting.threshold) != (enabled, threshold):
        setting.enabled = enabled
        setting.threshold = threshold
        setting.save(update_fields=["enabled", "threshold"])
    # Every unit's findings of the year follow the new setting once it is saved.
    findings_refresh_years_on_commit([reporting_year.year], sections=[rule.section])
    return setting
