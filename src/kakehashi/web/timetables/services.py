"""Writes for timetables: store a core Solution as a new numbered version of rows, publish it (the one place
that sets the program's week in force)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kakehashi.timetable.check import check
from kakehashi.timetable.cycle.check import check_cycle
from kakehashi.timetable.cycle.format import cycle_to_json
from kakehashi.timetable.cycle.model import Cycle, CycleSolution, cycle_solution_of_week
from kakehashi.timetable.format import instance_to_json
from kakehashi.timetable.instance import Instance, Solution, Status
from kakehashi.web.core.languages import by_language
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.timetables import rule_words
from kakehashi.web.timetables.diff import WeekChanges, week_changes
from kakehashi.web.timetables.door import version_create
from kakehashi.web.timetables.models import LockedVisit, TimetableVersion
from kakehashi.web.timetables.selectors import published_version


class TimetableRefusedError(ValueError):
    """A timetable that cannot be stored, with the reason in words."""


@transaction.atomic
def timetable_store(
    *, program: Program, instance: Instance | Cycle, solution: Solution | CycleSolution, user: Any = None
) -> TimetableVersion:
    """Store `solution` (a timetable of `instance`, the program's week or rotation) as the program's next draft
    version, with the week@1 (or cycle@1) document it answers.

    Only a timetable that keeps every hard rule is stored: the core checker decides (the cycle's checker for a
    rotation: every week's rules in each week, and the days over the rotation), and its first violation is the
    refusal's reason. All rows are written or none."""
    if solution.status not in (Status.OPTIMAL, Status.FEASIBLE):
        raise TimetableRefusedError(
            _("There is no timetable to store (status: %(status)s).")
            % {"status": solution.status.value}
        )
    if isinstance(instance, Cycle):
        rotation = solution if isinstance(solution, CycleSolution) else cycle_solution_of_week(solution)
        violations = check_cycle(instance, rotation)
        names = rule_words.names_of(instance.base)
        document = cycle_to_json(instance, instance_to_json(instance.base))
    else:
        if isinstance(solution, CycleSolution):
            raise TimetableRefusedError(_("A timetable of several weeks needs a rotation of several weeks."))
        violations = check(instance, solution)
        names = rule_words.names_of(instance)
        document = instance_to_json(instance)
    if violations:
        first = rule_words.sentence(violations[0], names)
        raise TimetableRefusedError(_("The timetable breaks a rule: %(rule)s") % {"rule": first})
    return version_create(program=program, week=document, solution=solution, user=user)


@transaction.atomic
def timetable_publish(*, version: TimetableVersion, notify: bool = True) -> TimetableVersion:
    """Make `version` the program's published week and tell each ALT and school whose week changed (by email,
    from the task worker once the transaction commits: a rolled-back publish sends nothing)."""
    timetable_publish_with_changes(version=version, notify=notify)
    return version


@transaction.atomic
def timetable_publish_with_changes(*, version: TimetableVersion, notify: bool = True) -> WeekChanges:
    """`timetable_publish`, returning what changed since the week in force until now (for the page).

    Any version may be published, an older draft too: it becomes the program's one week in force, and the
    differences (and so the notices) are counted against the version it replaces, whatever their numbers."""
    # Two publications of one program take turns, so each replaces the week the other left in force.
    Program.objects.select_for_update().filter(pk=version.program_id).first()
    previous = published_version(version.program)
    if previous is not None and previous.pk == version.pk:
        return WeekChanges()  # already the week in force: nothing changes, nobody is told again
    if previous is not None:
        previous.in_force = False
        previous.save(update_fields=["in_force", "updated_at"])
    version.state = TimetableVersion.State.PUBLISHED
    version.published_at = timezone.now()
    version.in_force = True
    version.save(update_fields=["state", "published_at", "in_force", "updated_at"])
    changes = week_changes(previous, version)
    if notify:
        # The request only records the publication: composing and sending one email per ALT and school is the
        # worker's (a quick-queue task, tasks.py), which works out the same differences from the two versions.
        replaced = previous.pk if previous is not None else None
        queue = _notices_queue[0]
        transaction.on_commit(lambda: queue(version.pk, replaced))
    return changes


# How a publication's emails are queued: tasks.py's quick-queue task, handed in when the app is ready (apps.py).
# The services never import the tasks: the jobs the tasks run import the services.
_notices_queue: list[Callable[[int, int | None], None]] = []


def use_notices_queue(queue: Callable[[int, int | None], None]) -> None:
    _notices_queue[:] = [queue]


def publish_notices_send(*, version_id: int, replaced_id: int | None) -> int:
    """The emails of one publication: what changed from the version it replaced (None: the first publication)
    to `version_id`, told to each ALT and school concerned; returns how many were sent."""
    version = TimetableVersion.objects.select_related("program").get(pk=version_id)
    replaced = TimetableVersion.objects.get(pk=replaced_id) if replaced_id is not None else None
    return notices_send(version=version, changes=week_changes(replaced, version))


YOUR_WEEK = gettext_noop("Your week changed in timetable version %(n)s:")
YOUR_SCHOOL = gettext_noop("ALT visits to your school changed in timetable version %(n)s:")


def notices_send(*, version: TimetableVersion, changes: WeekChanges) -> int:
    """One email per participant and per school staff member whose week changed, each in the recipient's
    language (core/languages.py); returns how many were sent."""
    from kakehashi.web.accounts.models import Role

    messages: list[tuple[str, str, str, list[str]]] = []

    def compose(readers: list[Any], opening: str, lines: list[Any]) -> None:
        for language, group in by_language(readers).items():
            with translation.override(language):
                subject = _("[Kakehashi] Timetable version %(n)s") % {"n": version.number}
                body = _(opening) % {"n": version.number} + "\n" + "\n".join(str(line) for line in lines)
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [u.email for u in group]))

    # Everyone to tell in two queries, not one per participant and one per school.
    people = Participant.objects.filter(program=version.program, code__in=list(changes.by_participant))
    users = {person.code: person.user for person in people.select_related("user")}
    for code, lines in changes.by_participant.items():
        user = users.get(code)
        if user is not None and user.email:
            compose([user], YOUR_WEEK, lines)
    staff: dict[str, set[Any]] = defaultdict(set)
    roles = Role.objects.filter(kind=Role.Kind.SCHOOL_STAFF, organization__school__code__in=list(changes.by_school))
    for code, account in roles.values_list("organization__school__code", "user"):
        staff[code].add(account)
    accounts = {u.pk: u for u in get_user_model().objects.filter(pk__in={pk for pks in staff.values() for pk in pks})}
    for code, lines in changes.by_school.items():
        readers = {accounts[pk] for pk in staff[code] if accounts[pk].email}
        compose(sorted(readers, key=lambda u: u.email), YOUR_SCHOOL, lines)
    return send_mass_mail(messages, fail_silently=False) if messages else 0


@transaction.atomic
def visit_lock_toggle(*, program: Program, participant: Participant, day: str, school: School) -> bool:
    """Lock the visit (every re-solve then keeps it), or unlock it if it was locked; True when now locked."""
    lock, created = LockedVisit.objects.get_or_create(program=program, participant=participant, day=day, school=school)
    if not created:
        lock.delete()
    return created
