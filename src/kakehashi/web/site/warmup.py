"""What a server process loads when it starts, so that nobody's first request waits for it (issue 17: the first
home page of a process took 10 s on a busy machine, most of it importing). Called by wsgi.py only: gunicorn's
workers and `kakehashi serve` start through it, while tests and management commands, which serve nothing,
never pay for it."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

import kakehashi
from kakehashi.web.core import pdf

log = logging.getLogger(__name__)


def _page_templates() -> list[str]:
    """The names of every HTML template of ours (the site's folder and each app's), not Django's own."""
    ours = Path(kakehashi.__file__).resolve().parent
    names: set[str] = set()
    for folder in map(Path, engines["django"].template_dirs):
        if folder.resolve().is_relative_to(ours) and folder.is_dir():
            names.update(path.relative_to(folder).as_posix() for path in folder.rglob("*.html"))
    return sorted(names)


def warm_up() -> float:
    """Import every view (the URLconf imports them, OR-Tools with the solve pages), read each language's
    messages, compile the page templates and load WeasyPrint with its fonts; returns the seconds it took."""
    began = time.perf_counter()
    get_resolver().url_patterns  # noqa: B018 - reading it imports the URLconf and every view module
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
    for name in _page_templates():
        try:
            get_template(name)  # the cached loader keeps it compiled for the process
        except TemplateSyntaxError:  # that page answers with the error when asked; the server still starts
            log.exception("template %s does not compile", name)
    pdf.warm_up()
    return time.perf_counter() - began
