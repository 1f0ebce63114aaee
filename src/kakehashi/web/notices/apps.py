from django.apps import AppConfig


class Config(AppConfig):
    name = "kakehashi.web.notices"
    label = "notices"
