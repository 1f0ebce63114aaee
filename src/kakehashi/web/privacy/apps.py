from django.apps import AppConfig


class Config(AppConfig):
    name = "kakehashi.web.privacy"
    label = "privacy"

    def ready(self) -> None:
        # Pages below this app report views of personal data by a signal (core/personal_data.py); the log is here.
        from kakehashi.web.core.personal_data import personal_data_viewed
        from kakehashi.web.privacy.access import log_view

        personal_data_viewed.connect(log_view, dispatch_uid="privacy-log-view")
