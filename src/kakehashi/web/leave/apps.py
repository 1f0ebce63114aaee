from django.apps import AppConfig


class Config(AppConfig):
    name = "kakehashi.web.leave"
    label = "leave"

    def ready(self) -> None:
        # The calendars app lays the published week over the school year; who is away and the confirmed covers
        # are this app's, and this app sits above calendars, so it hands its readers down.
        from kakehashi.web.calendars.selectors import LeaveReaders, use_leave_readers
        from kakehashi.web.leave.selectors import program_away, program_changes

        use_leave_readers(LeaveReaders(away=program_away, changes=program_changes))
