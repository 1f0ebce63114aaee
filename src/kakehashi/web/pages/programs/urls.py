from django.urls import path

from kakehashi.web.pages.programs import views
from kakehashi.web.timetables import views as timetable_views

app_name = "programs"
urlpatterns = [
    path("<int:pk>/", views.program_detail, name="detail"),
    path("<int:pk>/settings/", views.program_settings, name="settings"),
    path("<int:pk>/week.json", views.program_week_file, name="week"),
    path("<int:program_pk>/solve/", timetable_views.solve_start, name="solve"),
    path("<int:pk>/timetables/<int:number>.json", views.program_timetable_file, name="timetable"),
    path("<int:pk>/timetables/<int:number>/publish/", views.program_publish, name="publish"),
    path("<int:pk>/diff/", views.program_diff, name="diff"),
    path("<int:pk>/timetables/<int:number>/", views.program_analysis, name="analysis"),
]
