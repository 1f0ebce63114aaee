from django.urls import path

from kakehashi.web.calendars import views

app_name = "calendars"
urlpatterns = [
    path("schools/<str:code>/", views.school_year_page, name="school"),
    path("people/<str:code>/", views.participant_plan_page, name="participant"),
]
