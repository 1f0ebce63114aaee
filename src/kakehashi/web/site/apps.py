from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top of the web layers: what puts the apps together (the home page and menu, the API's one
    router, the demo). It may import any app; no app imports it (docs/architecture.md)."""

    name = "kakehashi.web.site"
    label = "site"
    verbose_name = "Kakehashi site"
