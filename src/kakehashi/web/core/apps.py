from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kakehashi.web.core"
    label = "core"
    verbose_name = "Kakehashi core"

    def ready(self) -> None:
        from kakehashi.web.core import changelog
        from kakehashi.web.core.validators import make_char_fields_one_line

        changelog.connect()
        make_char_fields_one_line()
