from decimal import Decimal

from django.db.models import QuerySet, Sum

from assessment.models import Indicator


def indicator_table() -> QuerySet[Indicator]:
    return Indicator.objects.all()


def reachable_points() -> Decimal:
    """97 by default: item 3.2 adds up to 7, not the 10 its heading says (SPEC §6, I-6)."""
    return Indicator.objects.aggregate(total=Sum("default_max_points"))["total"] or Decimal(0)
