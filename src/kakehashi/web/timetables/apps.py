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
        # Publishing queues its emails through the tasks, which the services may not import (they run jobs).
        from kakehashi.web.timetables.services import use_notices_queue

        use_notices_queue(_queue_publish_notices)


def _queue_publish_notices(version_id: int, replaced_id: int | None) -> None:
    # Imported on first use: the tasks bring the solver (OR-Tools), which a process setting up Django need not load.
    from kakehashi.web.timetables.tasks import queue_publish_notices

    queue_publish_notices(version_id, replaced_id)
