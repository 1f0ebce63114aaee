"""A server process loads its pages' code, templates and the PDF printer as it starts (wsgi.py), so that
nobody's first request waits for them; a process that serves nothing (tests, management commands) does not."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# Run in a fresh interpreter: what this test process imported already says nothing about a new one.
PROBE = """
import json, os, sys
{start}
from django.template import engines
from django.urls import get_resolver
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({{
    "weasyprint": "weasyprint" in sys.modules,
    "ortools": "ortools" in sys.modules,
    "urls": "kakehashi.web.urls" in sys.modules,
    "templates": len(getattr(loader, "get_template_cache", {{}})),
}}))
"""
SERVER = "from kakehashi.web.wsgi import application"
COMMAND = "import django\ndjango.setup()"


def _started_as(start: str) -> dict[str, object]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kakehashi.web.test_settings"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(start=start)], env=env, capture_output=True, text=True, check=True
    )
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_a_server_process_has_its_views_templates_and_pdf_printer_loaded_before_the_first_request() -> None:
    loaded = _started_as(SERVER)
    assert loaded["weasyprint"] and loaded["ortools"] and loaded["urls"]
    assert isinstance(loaded["templates"], int) and loaded["templates"] > 50  # every page template, compiled


def test_a_process_that_serves_nothing_does_not_load_them() -> None:
    loaded = _started_as(COMMAND)
    assert not loaded["weasyprint"] and not loaded["urls"] and loaded["templates"] == 0
