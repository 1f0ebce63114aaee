from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kakehashi.web.core"
    label = "core"
    verbose_name = "Kakehashi core"

    def ready(self) -> None:
        from kakehashi.web.core import changelog

        changelog.connect()
