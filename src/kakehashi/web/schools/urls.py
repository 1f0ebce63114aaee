from django.urls import path

from kakehashi.web.schools import views

app_name = "schools"
urlpatterns = [
    path("", views.school_list, name="list"),
    path("<str:code>/", views.school_detail, name="detail"),
]
