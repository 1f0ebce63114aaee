from django.urls import path

from kakehashi.web.calendars import event_import_views, event_views, views

app_name = "calendars"
urlpatterns = [
    path("schools/<str:code>/", views.school_year_page, name="school"),
    path("people/<str:code>/", views.participant_plan_page, name="participant"),
    # A school's events, and a board's (every school of it).
    path("schools/<str:code>/events/", event_views.school_events, name="school_events"),
    path("schools/<str:code>/events/new/", event_views.school_event_new, name="school_event_new"),
    path("schools/<str:code>/events/import/", event_import_views.school_event_import, name="school_event_import"),
    path(
        "schools/<str:code>/events/import/confirm/",
        event_import_views.school_event_import_confirm,
        name="school_event_import_confirm",
    ),
    path("boards/<int:pk>/events/", event_views.board_events, name="board_events"),
    path("boards/<int:pk>/events/new/", event_views.board_event_new, name="board_event_new"),
    path("boards/<int:pk>/events/import/", event_import_views.board_event_import, name="board_event_import"),
    path(
        "boards/<int:pk>/events/import/confirm/",
        event_import_views.board_event_import_confirm,
        name="board_event_import_confirm",
    ),
    path("events/<int:pk>/edit/", event_views.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", event_views.event_delete, name="event_delete"),
    path("events/<int:pk>/rained-out/", event_views.event_rained_out_page, name="event_rained_out"),
    path("events/template.<str:fmt>", event_import_views.event_template, name="event_template"),
]
