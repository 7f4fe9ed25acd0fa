"""The back office holds the policy tables only. County data (plans, projects, enrolment) is
changed through the seat pages, whose services keep the yearly-return lock."""

from django.contrib import admin

from seats.models import PlanPeriod, SeatQuota


class SeatQuotaInline(admin.TabularInline):
    model = SeatQuota
    extra = 0


@admin.register(PlanPeriod)
class PlanPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year", "city_target"]
    inlines = [SeatQuotaInline]
