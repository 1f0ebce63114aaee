from django.apps import AppConfig


class Config(AppConfig):
    name = "kakehashi.web.inbox"
    label = "inbox"

    def ready(self) -> None:
        # Requests filed anywhere (pages, API, imports, the admin) arrive in the inbox: see signals.py.
        from kakehashi.web.inbox import signals  # noqa: F401
