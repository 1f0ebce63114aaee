from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kakehashi.web.api"
    label = "api"
    verbose_name = "Kakehashi API"
