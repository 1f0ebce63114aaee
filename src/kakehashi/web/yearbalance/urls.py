from django.urls import path

from kakehashi.web.yearbalance import views

app_name = "balance"
urlpatterns = [
    path("programs/<int:pk>/start/", views.balance_start, name="start"),
    path("<int:pk>/", views.balance_job, name="job"),
    path("<int:pk>/publish/", views.balance_publish_view, name="publish"),
]
