from django.contrib import admin

from kakehashi.web.people.models import Participant, Placement


class PlacementInline(admin.TabularInline[Placement, Participant]):
    model = Placement
    extra = 0


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin[Participant]):
    list_display = ("code", "name", "name_katakana", "kind", "program")
    list_filter = ("kind", "program")
    search_fields = ("code", "name", "name_katakana")
    inlines = [PlacementInline]
