from django.urls import path

from kakehashi.web.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_data, name="mine"),
    path("my-data.json", views.my_data_download, name="download"),
    path("log/", views.access_log, name="log"),
]
