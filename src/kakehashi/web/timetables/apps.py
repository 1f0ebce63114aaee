from django.apps import AppConfig


class Config(AppConfig):
    name = "kakehashi.web.timetables"
    label = "timetables"

    def ready(self) -> None:
        # The scope rules (accounts, a lower layer) let people see each other through the visits of the week in
        # force; this app owns those visits, so it hands them in rather than being imported from below.
        from kakehashi.web.accounts.scope import use_visits_in_force
        from kakehashi.web.timetables.selectors import visits_in_force

        use_visits_in_force(visits_in_force)
