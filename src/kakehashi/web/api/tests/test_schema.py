"""The OpenAPI schema: valid, with no warning for any endpoint; what each GET really answers matches it
(schemathesis checks the responses against the schema); and the docs are served by this site alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from kakehashi.web.api.tests.helpers import browser
from kakehashi.web.api.tests.objects import make_objects
from kakehashi.web.api.tokens import token_issue

pytestmark = pytest.mark.django_db


def test_every_endpoint_has_a_valid_schema_and_no_warning(tmp_path: Path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "openapi: 3" in text and "/api/solve-jobs/{id}/" in text and "tokenAuth" in text


def _filled(path: str, objects: dict[str, Any]) -> dict[str, Any]:
    """Path parameters of a GET for the North objects: `/api/schools/{code}/week/` → the school's code."""
    resource = path.split("/")[2]
    values = {"id": objects.get(resource), "code": objects.get(resource)}
    return {name: values[name] for name in re.findall(r"{(\w+)}", path) if name in values}


def test_what_every_get_answers_matches_the_schema(published: Any) -> None:
    north, _, root = published
    objects = make_objects(north)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    headers = {"Authorization": f"Token {token_issue(user=root).key}"}
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() != "GET" or "{document}" in operation.path:
            continue
        case = operation.Case(
            path_parameters=_filled(operation.path, objects),
            query={"program": north.program.pk} if "covers/" in operation.path else {},
        )
        response = case.call(headers=headers)
        assert response.status_code < 500, operation.path
        if response.status_code == 200:
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
            checked += 1
    assert checked > 50


def test_the_docs_are_swagger_ui_served_from_this_site_with_no_inline_script(world: Any) -> None:
    north, _, _ = world
    client = browser(north.users["coordinator"])
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/") for source in sources)  # nothing from a CDN
    assert not re.search(r"<script>(?!\s*</script>)", html)  # the CSP allows no inline script
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "/api/schema/" in script.content.decode()
    assert client.get("/api/schema/").status_code == 200
