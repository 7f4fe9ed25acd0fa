"""The back office (city administrators): Annex 2's relationships, the support cycles' dates
and the funding rates and shares. The ledger itself is kept through the pairing pages."""

from django.contrib import admin

from pairing.models import (
    CountyPair,
    FundingRate,
    PairingRound,
    PayerShare,
    ProvincialPartnership,
    SupportCycle,
    SupportGroup,
    SupportGroupMember,
)


class SupportGroupMemberInline(admin.TabularInline):
    model = SupportGroupMember
    extra = 0


@admin.register(SupportGroup)
class SupportGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "recipient"]
    inlines = [SupportGroupMemberInline]


class SupportCycleInline(admin.TabularInline):
    model = SupportCycle
    extra = 0


@admin.register(PairingRound)
class PairingRoundAdmin(admin.ModelAdmin):
    list_display = ["__str__", "start_year", "end_year"]
    inlines = [SupportCycleInline]


@admin.register(SupportCycle)
class SupportCycleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "round", "number", "start", "end"]
    list_filter = ["round"]


@admin.register(FundingRate)
class FundingRateAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "kind", "host_unit", "min_months", "annual_amount"]


@admin.register(PayerShare)
class PayerShareAdmin(admin.ModelAdmin):
    list_display = ["unit", "valid_from", "city_share"]


admin.site.register(CountyPair)
admin.site.register(ProvincialPartnership)
