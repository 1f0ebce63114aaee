from django.contrib import admin

from kakehashi.web.timetables.models import FixedVisit, ForbiddenSchool, TimetableVersion, TravelTime, WeekSettings

admin.site.register(WeekSettings)
admin.site.register(TravelTime, list_display=("program", "origin", "destination", "mode", "minutes"))
admin.site.register(FixedVisit)
admin.site.register(ForbiddenSchool)
admin.site.register(
    TimetableVersion,
    list_display=("program", "number", "state", "objective", "bound", "published_at"),
    list_filter=("state",),
)
