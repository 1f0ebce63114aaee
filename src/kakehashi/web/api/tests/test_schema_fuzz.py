"""Schemathesis fuzzing: for every operation of the schema (reads and writes), generated requests as a
coordinator and as the administrator never get a server error — bad input is a 4xx that says why."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kakehashi.web.api.tokens import token_issue

pytestmark = pytest.mark.django_db
EXAMPLES = 8


def test_generated_requests_to_every_operation_never_get_a_server_error(published: Any) -> None:
    north, _, root = published
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    failures: list[str] = []
    answered: list[int] = []
    tokens = {
        "coordinator": token_issue(user=north.users["coordinator"]).key,
        "administrator": token_issue(user=root).key,
    }
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 80
    for operation in operations:
        if "{document}" in operation.path or operation.path.endswith("/docs/"):
            continue  # file downloads and the HTML docs page are not JSON operations

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy(), who=st.sampled_from(sorted(tokens)))
        def check(case: Any, who: str) -> None:
            response = case.call(headers={"Authorization": f"Token {tokens[who]}"})
            answered.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} as {who}: {response.status_code}")

        check()
    assert not failures, "\n".join(sorted(set(failures))[:30])
    assert len(answered) >= 2 * len(operations) and any(code < 300 for code in answered)
