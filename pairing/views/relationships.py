from django.shortcuts import render

from jiangmen_edu.permissions import ALL_ROLES, allow
from pairing import selectors


@allow(ALL_ROLES)
def relationships(request):
    """Annex 2's pairing relationships: published policy, visible to every role."""
    return render(
        request,
        "pairing/relationships.html",
        {
            "groups": selectors.support_groups(),
            "pairs": selectors.county_pairs(),
            "partnerships": selectors.provincial_partnerships(),
        },
    )
