from django.urls import path

from kakehashi.web.workforce import views

app_name = "workforce"
urlpatterns = [path("", views.dashboard, name="dashboard")]
