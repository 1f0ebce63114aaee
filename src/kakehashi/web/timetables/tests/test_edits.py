"""Hand edits: each checked by the core at once; a refused edit names the broken rule and changes nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.web.schools.models import LessonSlot
from kakehashi.web.testing import PASSWORD, publish_week, signed_in
from kakehashi.web.timetables import edits
from kakehashi.web.timetables.door import version_instance, version_solution, week_instance
from kakehashi.web.timetables.models import LockedVisit, SolveJob, TimetableVersion

pytestmark = pytest.mark.django_db


def test_the_first_edit_makes_a_draft_copy_and_leaves_the_published_week_alone(world: Any) -> None:
    north, _, _ = world
    instance, published = (week_instance(north.program), publish_week(north.program))
    lesson = published.lessons.first().lesson.code
    draft = edits.edit_drop_lesson(program=north.program, user=north.users["coordinator"], lesson=lesson)
    assert (draft.number, draft.state) == (2, TimetableVersion.State.DRAFT)
    assert published.lessons.filter(lesson__code=lesson).exists()
    assert not draft.lessons.filter(lesson__code=lesson).exists()
    assert check(instance, version_solution(draft)) == []
    assert draft.objective < published.objective  # a class lost its ALT lesson


def test_an_edit_that_breaks_a_rule_is_refused_with_the_rule_and_changes_nothing(world: Any) -> None:
    north, _, _ = world
    instance, published = (week_instance(north.program), publish_week(north.program))
    visit = published.visits.select_related("participant", "school").first()
    # Joining a lesson at a school the ALT does not visit that day breaks rule 2.
    elsewhere = next(
        x
        for x in instance.lesson_by_id.values()
        if not published.visits.filter(participant=visit.participant, day=x.day, school__code=x.school).exists()
    )
    with pytest.raises(edits.EditRefusedError) as refused, translation.override("en"):
        edits.edit_add_lesson(program=north.program, user=None, alt=visit.participant.code, lesson=elsewhere.id)
    # Said with the ALT's name and the school's, never the checker's "rule 2:" nor the lesson's code.
    said = " ".join(refused.value.sentences)
    assert f"{visit.participant.name} joins class {elsewhere.homeroom} at " in said
    assert "rule 2" not in said and elsewhere.id not in said
    assert TimetableVersion.objects.filter(program=north.program).count() in (1, 2)
    draft = TimetableVersion.objects.filter(program=north.program).order_by("-number").first()
    assert set(version_solution(draft).lessons) == set(version_solution(published).lessons)


def test_swapping_a_day_exchanges_both_alts_visits_and_lessons(world: Any) -> None:
    north, _, _ = world
    _instance, published = (week_instance(north.program), publish_week(north.program))
    a, b = north.alts[0].code, north.alts[1].code
    week = version_solution(published)
    day = next(v.day for v in week.visits if v.alt == a)
    try:
        draft = edits.edit_swap_days(program=north.program, user=None, alt=a, other=b, day=day)
    except edits.EditRefusedError as refused:  # the two may not share schools (levels, commute): a fair refusal
        assert refused.sentences and not any(s.startswith("rule ") for s in refused.sentences)
        return
    after = version_solution(draft)
    assert {v.school for v in after.visits if v.alt == b and v.day == day} == {
        v.school for v in week.visits if v.alt == a and v.day == day
    }


def test_the_edit_page_shows_the_broken_rule_in_words(world: Any) -> None:
    north, _, _ = world
    _instance, published = (week_instance(north.program), publish_week(north.program))
    visit = published.visits.select_related("participant", "school").first()
    client = Client()
    client.login(username=north.users["coordinator"].username, password=PASSWORD)
    page = f"/people/{visit.participant.code}/week-edit/"
    response = client.post(
        page,
        {
            "action": "move",
            "day": visit.day,
            "school": visit.school.code,
            "to_day": "sun",
            "to_school": visit.school.code,
        },
        follow=True,
    )
    page_text = response.content.decode()
    assert "which is not a school day of this week." in page_text and "rule 4" not in page_text


def test_a_locked_visit_is_kept_by_the_next_solve(world: Any) -> None:
    north, _, _ = world
    _, published = (week_instance(north.program), publish_week(north.program))
    visit = published.visits.select_related("participant", "school").first()
    client = Client()
    client.login(username=north.users["coordinator"].username, password=PASSWORD)
    client.post(
        f"/people/{visit.participant.code}/week-edit/",
        {"action": "lock", "day": visit.day, "school": visit.school.code},
    )
    assert LockedVisit.objects.filter(participant=visit.participant, day=visit.day, school=visit.school).exists()
    from kakehashi.web.timetables.tasks import run_solve_job

    job = SolveJob.objects.create(program=north.program, time_limit=3)
    run_solve_job.call(job.pk)
    job.refresh_from_db()
    assert job.version.visits.filter(participant=visit.participant, day=visit.day, school=visit.school).exists()


def test_a_visit_left_without_a_lesson_is_kept_with_a_warning(world: Any) -> None:
    # The hard rules allow a one-school day without a lesson; the editor says the ALT would go for nothing.
    north, _, _ = world
    instance, published = (week_instance(north.program), publish_week(north.program))
    week = version_solution(published)
    alt = north.alts[0].code
    days = [v.day for v in week.visits if v.alt == alt]
    day = next(d for d in days if days.count(d) == 1)
    lessons = [a.lesson for a in week.lessons if a.alt == alt and instance.lesson_by_id[a.lesson].day == day]
    assert lessons
    client = signed_in(north.users["coordinator"])
    for lesson in lessons:
        response = client.post(f"/people/{alt}/week-edit/", {"action": "drop", "lesson": lesson}, follow=True)
    page = response.content.decode()
    assert "keeps every rule" in page  # it is allowed
    assert "a visit without a lesson" in page and "no lesson joined" in page


def test_the_week_editor_lists_days_in_the_weeks_order(world: Any) -> None:
    north, _, _ = world
    publish_week(north.program)
    alt = north.alts[0].code
    response = signed_in(north.users["coordinator"]).get(f"/people/{alt}/week-edit/")
    order = list(ALL_DAYS)
    visit_days = re.findall(r'name="day" value="(\w+)"', response.content.decode())
    lesson_days = [lesson.day for lesson, _school in response.context["lessons"]]
    assert len(set(visit_days)) > 2 and len(set(lesson_days)) > 2
    assert visit_days == sorted(visit_days, key=order.index)
    assert lesson_days == sorted(lesson_days, key=order.index)


def test_the_week_editor_offers_the_lessons_of_the_versions_own_week_not_one_added_since(world: Any) -> None:
    north, _, _ = world
    published = publish_week(north.program)
    visit = published.visits.select_related("participant", "school").first()
    # The school adds a lesson on that day after the timetable was made: the version's week does not have it,
    # so an edit could not add it, and the editor must not offer it.
    school = visit.school
    added = LessonSlot.objects.create(school=school, homeroom=school.homerooms.first(), day=visit.day, period="9",
                                      code=f"{school.code}-added-since")
    page = signed_in(north.users["coordinator"]).get(f"/people/{visit.participant.code}/week-edit/").content.decode()
    assert f'value="{added.code}"' not in page
    # The version's own free lessons at that school that day are still offered.
    week = version_instance(published)
    taken = {a.lesson for a in version_solution(published).lessons}
    free_there = [x.id for x in week.lesson_by_id.values()
                  if (x.day, x.school) == (visit.day, school.code) and x.id not in taken]
    assert all(f'<option value="{lesson}">' in page for lesson in free_there)
