from django.urls import path

from kakehashi.web.calendars import event_import_views, event_views, views
from kakehashi.web.calendars.owner_pages import owner_paths

app_name = "calendars"
urlpatterns = [
    path("schools/<str:code>/", views.school_year_page, name="school"),
    path("people/<str:code>/", views.participant_plan_page, name="participant"),
    # A school's events, and a board's (every school of it).
    *owner_paths("events/", "events", event_views.events),
    *owner_paths("events/new/", "event_new", event_views.event_new),
    *owner_paths("events/import/", "event_import", event_import_views.event_import),
    *owner_paths("events/import/confirm/", "event_import_confirm", event_import_views.event_import_confirm),
    path("events/<int:pk>/edit/", event_views.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", event_views.event_delete, name="event_delete"),
    path("events/<int:pk>/rained-out/", event_views.event_rained_out_page, name="event_rained_out"),
    path("events/template.<str:fmt>", event_import_views.event_template, name="event_template"),
]
