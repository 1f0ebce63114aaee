from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearBalanceConfig(AppConfig):
    name = "kakehashi.web.yearbalance"
    label = "yearbalance"
    verbose_name = _("Year balance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The calendars app lays the published week over the year; the published balance is this app's, and this
        # app sits above calendars, so it hands its changes down (like leave's readers).
        from kakehashi.web.calendars.selectors import use_plan_changes
        from kakehashi.web.yearbalance.changes import apply_published_balance

        use_plan_changes(apply_published_balance)
