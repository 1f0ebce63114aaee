from django.urls import path

from kakehashi.web.people import views

app_name = "people"
urlpatterns = [
    path("", views.participant_list, name="list"),
    path("<str:code>/", views.participant_detail, name="detail"),
]
