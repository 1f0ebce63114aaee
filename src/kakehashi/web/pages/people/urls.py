from django.urls import path

from kakehashi.web.pages.people import views
from kakehashi.web.timetables import edit_views

app_name = "people"
urlpatterns = [
    path("", views.participant_list, name="list"),
    path("romaji/", views.romaji_suggestion, name="romaji"),
    path("<str:code>/", views.participant_detail, name="detail"),
    path("<str:code>/edit/", views.participant_edit, name="edit"),
    path("<str:code>/reset-link/", views.participant_send_reset_link, name="reset-link"),
    path("<str:code>/calendar/", views.participant_calendar_page, name="calendar"),
    path("<str:code>/week-edit/", edit_views.week_edit, name="week-edit"),
    path("<str:code>/week.xlsx", views.participant_week_excel, name="excel"),
    path("<str:code>/week.pdf", views.participant_week_pdf, name="pdf"),
]
