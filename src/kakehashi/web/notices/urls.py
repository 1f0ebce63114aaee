"""The notices page. The site's URL map keeps it at /leave/notices/, where notices lived first, so bookmarks
and the links in sent emails still open it."""

from django.urls import path

from kakehashi.web.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.notices, name="list"),
]
