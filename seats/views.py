from django.shortcuts import get_object_or_404, render

from jiangmen_edu.permissions import ALL_ROLES, allow
from seats import selectors


@allow(ALL_ROLES)
def quota_table(request, period_id=None):
    """The published quota table is policy text, so every role sees all its rows."""
    periods = selectors.plan_periods()
    period = get_object_or_404(periods, pk=period_id) if period_id else periods.first()
    return render(
        request,
        "seats/quota_table.html",
        {"periods": periods, "table": selectors.quota_table(period) if period else None},
    )
