"""Why a day has no lessons or a visit is skipped, in the reader's language. The core (kakehashi.schoolyear)
words each reason once, for the command line; the pages show the reader's language only: a vacation, leave
or a day off for a weekend event in words of the catalogue, a national holiday by its English or Japanese
name, and an event by the name its school gave it (its English name to an English reader, when it has one)."""

from __future__ import annotations

import re

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kakehashi.schoolyear.calendar import (
    SPRING_VACATION,
    SUMMER_VACATION,
    WINTER_VACATION,
    DayKind,
    read_compensatory_reason,
)
from kakehashi.schoolyear.holidays import holiday_names_in_english
from kakehashi.schoolyear.plan import ON_LEAVE
from kakehashi.web.core import dates

# The reason a visit the published year balance drops gives in the dated plan (yearbalance/changes.py), in both
# languages like the core's own reasons.
BALANCED_AWAY = "year balance / 年間調整"
FIXED = {
    SUMMER_VACATION: gettext_lazy("summer vacation"),
    WINTER_VACATION: gettext_lazy("winter vacation"),
    SPRING_VACATION: gettext_lazy("spring vacation"),
    ON_LEAVE: gettext_lazy("on leave"),
    BALANCED_AWAY: gettext_lazy("moved by the year balance"),
}
DAY_KINDS = {
    DayKind.LESSONS.value: gettext_lazy("lessons"),
    DayKind.SHORTENED.value: gettext_lazy("shortened day"),
    DayKind.WEEKEND.value: gettext_lazy("weekend"),
    DayKind.HOLIDAY.value: gettext_lazy("national holiday"),
    DayKind.VACATION.value: gettext_lazy("vacation"),
    DayKind.EVENT.value: gettext_lazy("school event"),
    DayKind.COMPENSATORY.value: gettext_lazy("day off for a weekend event"),
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _japanese_reader() -> bool:
    return (get_language() or "").startswith("ja")


def event_name(name: str) -> str:
    """An event's name as the reader reads it: its English name to an English reader, when it has one."""
    if _japanese_reader() or not JAPANESE.search(name):
        return name
    from kakehashi.web.calendars.models import Event  # the model imports the core, not this module

    english = Event.objects.filter(name=name).exclude(name_en="").values_list("name_en", flat=True).first()
    return english or name


def reason(text: str) -> str:
    """A core reason (or a day's kind) in the reader's language."""
    if text in FIXED:
        return str(FIXED[text])
    if text in DAY_KINDS:
        return str(DAY_KINDS[text])
    compensatory = read_compensatory_reason(text)
    if compensatory is not None:
        name, held = compensatory
        return _("day off for %(event)s on %(date)s") % {"event": event_name(name), "date": dates.day_short(held)}
    if not _japanese_reader():
        english = holiday_names_in_english().get(text)
        if english:
            return english
    return event_name(text)
