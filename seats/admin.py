from django.contrib import admin

from seats.models import PlanPeriod, SeatQuota


class SeatQuotaInline(admin.TabularInline):
    model = SeatQuota
    extra = 0


@admin.register(PlanPeriod)
class PlanPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year"]
    inlines = [SeatQuotaInline]
