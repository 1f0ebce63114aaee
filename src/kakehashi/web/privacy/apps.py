from django.apps import AppConfig


class Config(AppConfig):
    name = "kakehashi.web.privacy"
    label = "privacy"
