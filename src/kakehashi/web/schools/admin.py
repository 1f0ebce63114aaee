from django.contrib import admin

from kakehashi.web.schools.models import BellPeriod, Homeroom, LessonSlot, School


class BellInline(admin.TabularInline[BellPeriod, School]):
    model = BellPeriod
    extra = 0


class HomeroomInline(admin.TabularInline[Homeroom, School]):
    model = Homeroom
    extra = 0


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin[School]):
    list_display = ("code", "organization", "level", "visit_days_min", "visit_days_max")
    list_filter = ("level",)
    search_fields = ("code", "organization__name", "organization__name_ja")
    inlines = [BellInline, HomeroomInline]


admin.site.register(
    LessonSlot,
    list_display=("code", "school", "homeroom", "day", "period", "teacher", "active"),
    list_filter=("day", "active"),
    search_fields=("code",),
)
