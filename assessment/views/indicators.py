from django.shortcuts import render

from assessment import selectors
from jiangmen_edu.permissions import ALL_ROLES, allow


@allow(ALL_ROLES)
def indicator_table(request):
    return render(
        request,
        "assessment/indicator_table.html",
        {
            "indicators": selectors.indicator_table(),
            "reachable": selectors.reachable_points(),
        },
    )
