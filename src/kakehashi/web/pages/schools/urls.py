from django.urls import path

from kakehashi.web.pages.schools import views

app_name = "schools"
urlpatterns = [
    path("", views.school_list, name="list"),
    path("romaji/", views.romaji_suggestion, name="romaji"),
    path("<str:code>/", views.school_detail, name="detail"),
    path("<str:code>/edit/", views.school_edit, name="edit"),
    path("<str:code>/requests/", views.school_requests, name="requests"),
]
