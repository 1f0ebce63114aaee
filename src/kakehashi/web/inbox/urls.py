from django.urls import path

from kakehashi.web.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.inbox, name="list"),
    path("<int:pk>/", views.item, name="item"),
]
