from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearBalanceConfig(AppConfig):
    name = "kakehashi.web.yearbalance"
    label = "yearbalance"
    verbose_name = _("Year balance")
    default_auto_field = "django.db.models.BigAutoField"
