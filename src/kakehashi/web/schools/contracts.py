"""Which contract a school receives its ALTs under: the routing of its requests, its calendar's contracted
days and its inbox all start from it."""

from __future__ import annotations

import datetime as dt

from kakehashi.web.organizations.models import Contract
from kakehashi.web.schools.models import School


def school_contract(school: School, on: dt.date) -> Contract | None:
    """The contract under which the school receives ALTs on the day `on`: the school's own, else its board's.
    Only a contract in force that day counts, so one signed for next year does not change today's routing."""
    org = school.organization
    in_force = Contract.objects.in_force(on).select_related("responsible_manager", "program")
    own = in_force.filter(organization=org).first()
    if own is not None or org.parent_id is None:
        return own
    return in_force.filter(organization_id=org.parent_id).first()
