from django.contrib import admin

from assessment.models import Indicator, IndicatorRule


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "default_max_points"]


@admin.register(IndicatorRule)
class IndicatorRuleAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "region", "max_points"]
    list_filter = ["year", "region"]
    list_select_related = ["indicator"]
