from django.contrib import admin

from kakehashi.web.calendars.models import Event

admin.site.register(Event, list_display=("starts", "ends", "name", "kind", "school", "board"), list_filter=("kind",))
