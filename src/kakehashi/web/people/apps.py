from django.apps import AppConfig


class Config(AppConfig):
    name = "kakehashi.web.people"
    label = "people"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from kakehashi.web.people.feeds import revoke_feeds_of_deactivated

        post_save.connect(revoke_feeds_of_deactivated, sender=get_user_model(), dispatch_uid="people.revoke-feeds")
