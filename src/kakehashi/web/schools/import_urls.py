from django.urls import path

from kakehashi.web.schools import import_views

app_name = "imports"
urlpatterns = [
    path("", import_views.import_start, name="start"),
    path("confirm/", import_views.import_confirm, name="confirm"),
    path("template/<str:kind>.<str:fmt>", import_views.import_template, name="template"),
]
