from django.urls import path

from kakehashi.web.pages.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_start, name="start"),
    path("confirm/", views.import_confirm, name="confirm"),
    path("template/<str:kind>.<str:fmt>", views.import_template, name="template"),
]
