from django.contrib import admin

from pairing.models import (
    CountyPair,
    PairingRound,
    ProvincialPartnership,
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


admin.site.register(PairingRound)
admin.site.register(CountyPair)
admin.site.register(ProvincialPartnership)
