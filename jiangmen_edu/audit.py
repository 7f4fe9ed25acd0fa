"""Audit trail (docs/rules.md#audit): who changed what, when, before and after.

django-auditlog writes one `LogEntry` per create, update and delete of a registered model,
with the acting user taken from the request (or from `auditlog.context.set_actor` in
commands). Each registered model says which unit its row belongs to through
`get_additional_data()`, so the city can browse the trail per county in one table.
"""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.permissions import is_city_user


def register(model, **options) -> None:
    if not auditlog.contains(model):
        auditlog.register(model, **options)


def register_core_models() -> None:
    from jiangmen_edu.models import (
        QualityExplanation,
        QualityRuleSetting,
        ReportingYear,
        School,
        Township,
        Unit,
        User,
        YearlyReturn,
    )

    for model in (
        Unit,
        Township,
        School,
        ReportingYear,
        YearlyReturn,
        QualityRuleSetting,
        QualityExplanation,
    ):
        register(model)
    register(User, exclude_fields=["password", "last_login"])


# Account changes that are not fields of a user's row: what the trail stores, what it shows.
ACCOUNT_FIELDS = {
    "second_factor": _("two-step verification"),
    "recovery_codes": _("recovery codes"),
}
ACCOUNT_VALUES = {
    "changed": _("changed"),
    "renewed": _("renewed"),
    "on": _("on"),
    "off": _("off"),
}


def record_account_change(user, field: str, before: str, after: str) -> None:
    """Record a change to a user's login (password, second factor) as an update of the user,
    with markers (`ACCOUNT_VALUES`) for before and after: never a hash, secret or code."""
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.UPDATE,
        changes={field: [before, after]},
        additional_data={**user.get_additional_data(), "account": True},
    )


def entries_for_user(user, unit_code: str | None = None) -> QuerySet[LogEntry]:
    """The audit entries a user may browse, newest first, optionally for one unit."""
    if not is_city_user(user):
        return LogEntry.objects.none()
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    if unit_code:
        entries = entries.filter(additional_data__unit=unit_code)
    return entries


def describe_changes(entry: LogEntry) -> list[tuple[str, str, str]]:
    """(field, before, after) of an entry, with verbose names and choice labels where known."""
    try:
        changes = entry.changes_display_dict
    except (TypeError, ValueError):
        # django-auditlog 3.4 fails to display a foreign key set to or from NULL.
        changes = entry.changes_dict
    account = bool((entry.additional_data or {}).get("account"))
    rows = []
    for field, values in changes.items():
        if isinstance(values, list | tuple) and len(values) == 2:
            before, after = values
        else:
            before, after = "", values
        if account:
            field = ACCOUNT_FIELDS.get(field, field)
            before, after = (ACCOUNT_VALUES.get(value, value) for value in (before, after))
        rows.append(
            (str(field), "" if before is None else str(before), "" if after is None else str(after))
        )
    return rows
