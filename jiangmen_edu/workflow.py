"""The yearly-return workflow (docs/rules.md#workflow): draft → submitted → returned | approved.

Approved data is locked; only a city admin reopens it, with a reason. Every service that
writes a unit's yearly data calls `ensure_editable` first, inside its own transaction; once
the write commits, the unit's data-quality rules run again (docs/quality.md).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from jiangmen_edu.errors import Refused
from jiangmen_edu.models import (
    ReportingYear,
    ReturnEvent,
    Role,
    Section,
    Unit,
    User,
    YearlyReturn,
)
from jiangmen_edu.permissions import require_role, require_unit
from jiangmen_edu.quality import services as quality

Status = YearlyReturn.Status
Action = ReturnEvent.Action


class WorkflowError(Refused):
    """An action the return's current state does not allow; the message is for the user."""


class ReturnLocked(WorkflowError):
    pass


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    comment_required: bool = False


TRANSITIONS = {
    Action.SUBMIT: Transition(
        frozenset({Status.DRAFT, Status.RETURNED}),
        Status.SUBMITTED,
        frozenset({Role.COUNTY_EDITOR}),
    ),
    Action.SEND_BACK: Transition(
        frozenset({Status.SUBMITTED}),
        Status.RETURNED,
        frozenset({Role.CITY_REVIEWER, Role.CITY_ADMIN}),
        comment_required=True,
    ),
    Action.APPROVE: Transition(
        frozenset({Status.SUBMITTED}),
        Status.APPROVED,
        frozenset({Role.CITY_REVIEWER, Role.CITY_ADMIN}),
    ),
    Action.REOPEN: Transition(
        frozenset({Status.APPROVED}),
        Status.DRAFT,
        frozenset({Role.CITY_ADMIN}),
        comment_required=True,
    ),
}


def lock_reason_for(*, unit: Unit, year: int | None, section: str) -> str:
    """Why the unit's `section` data of `year` cannot be changed now, or "" when it can.

    The one read-side editability check; `ensure_editable` is its write-side twin.
    `year=None` means the caller found no opened year at all.
    """
    if year is None:
        return _("The city has not opened any year for returns yet.")
    yearly_return = YearlyReturn.objects.filter(
        unit=unit, reporting_year__year=year, section=section
    ).first()
    if yearly_return is None:
        return _("The city has not opened %(year)s for returns yet.") % {"year": year}
    return yearly_return.lock_reason


def locked_years(*, unit: Unit, section: str) -> set[int]:
    """The years whose `section` return of this unit is submitted or approved (one query)."""
    return set(
        YearlyReturn.objects.filter(unit=unit, section=section)
        .exclude(status__in=Status.EDITABLE)
        .values_list("reporting_year__year", flat=True)
    )


def actions_for(yearly_return: YearlyReturn, user: User) -> list[str]:
    """The workflow actions this user may take on this return now."""
    return [
        action
        for action, transition in TRANSITIONS.items()
        if yearly_return.status in transition.sources
        and user.role in transition.roles
        and (user.role != Role.COUNTY_EDITOR or user.unit_id == yearly_return.unit_id)
    ]


def return_transition(
    *, yearly_return: YearlyReturn, user: User, action: str, comment: str = ""
) -> YearlyReturn:
    """Move a return through one workflow step and record who did it and why."""
    transition = TRANSITIONS[action]
    require_role(user, transition.roles)
    require_unit(user, yearly_return.unit)
    comment = comment.strip()
    if transition.comment_required and not comment:
        raise WorkflowError(_("Please give a reason."))
    with transaction.atomic():
        locked = YearlyReturn.objects.select_for_update().get(pk=yearly_return.pk)
        if locked.status not in transition.sources:
            raise WorkflowError(
                _("This return is “%(status)s”; that action is not possible now.")
                % {"status": locked.get_status_display()}
            )
        if action == Action.SUBMIT:
            # Data quality: errors block submission; warnings need an explanation first.
            blockers = quality.blockers(locked)
            if blockers:
                raise WorkflowError(blockers.message)
        previous = locked.status
        locked.status = transition.target
        locked.save(update_fields=["status", "updated_at"])
        ReturnEvent.objects.create(
            yearly_return=locked,
            action=action,
            from_status=previous,
            to_status=transition.target,
            actor=user,
            comment=comment,
        )
    return locked


def ensure_editable(*, unit: Unit, year: int, section: str) -> YearlyReturn:
    """Lock the unit's return row for this transaction and refuse if it is not editable.

    Call inside `transaction.atomic()` before writing any of the unit's yearly data.
    """
    try:
        yearly_return = YearlyReturn.objects.select_for_update().get(
            unit=unit, reporting_year__year=year, section=section
        )
    except YearlyReturn.DoesNotExist:
        raise ReturnLocked(
            _("The city has not opened %(year)s for returns yet.") % {"year": year}
        ) from None
    if yearly_return.lock_reason:
        raise ReturnLocked(yearly_return.lock_reason)
    quality.findings_refresh_on_commit(unit=unit, year=year)
    return yearly_return


def ensure_years_editable(*, unit: Unit, years: Iterable[int], section: str) -> None:
    """`ensure_editable` for each of `years`, in year order so that two writers never
    deadlock; for changes that move a record from one year to another."""
    for year in sorted(set(years)):
        ensure_editable(unit=unit, year=year, section=section)


def return_update_details(
    *, yearly_return: YearlyReturn, user: User, contact_name: str, contact_phone: str, notes: str
) -> YearlyReturn:
    """Edit the return's own header: who filled it in, and the county's notes."""
    require_role(user, {Role.COUNTY_EDITOR})
    require_unit(user, yearly_return.unit)
    with transaction.atomic():
        locked = ensure_editable(
            unit=yearly_return.unit, year=yearly_return.year, section=yearly_return.section
        )
        locked.contact_name = contact_name
        locked.contact_phone = contact_phone
        locked.notes = notes
        locked.save(update_fields=["contact_name", "contact_phone", "notes", "updated_at"])
    return locked


def sections_for(unit: Unit) -> list[str]:
    """市直 is not assessed, so it hands in no assessment materials (docs/rules.md#units)."""
    return [s for s in Section if unit.is_assessed or s != Section.ASSESSMENT]


def reporting_year_open(*, year: int, due_date: datetime.date, user: User) -> ReportingYear:
    """Open a statistical year: a draft return for every unit and section. Idempotent."""
    require_role(user, {Role.CITY_ADMIN})
    with transaction.atomic():
        reporting_year, created = ReportingYear.objects.get_or_create(
            year=year, defaults={"due_date": due_date}
        )
        if not created and reporting_year.due_date != due_date:
            reporting_year.due_date = due_date
            reporting_year.save(update_fields=["due_date"])
        existing = set(
            YearlyReturn.objects.filter(reporting_year=reporting_year).values_list(
                "unit_id", "section"
            )
        )
        created_returns = False
        for unit in Unit.objects.all():
            for section in sections_for(unit):
                if (unit.pk, section) not in existing:
                    YearlyReturn.objects.create(
                        unit=unit, reporting_year=reporting_year, section=section
                    )
                    created_returns = True
        if created_returns:
            # A new return shows its findings (an empty roster, missing figures) at once.
            quality.findings_refresh_years_on_commit([year])
    return reporting_year
