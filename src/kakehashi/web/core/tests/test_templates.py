"""Every template's tags are whole: Django reads `{{ … }}`, `{% … %}` and `{# … #}` only within one line, so
a tag split over two lines reaches the reader as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

from kakehashi.web.conftest import RAW_TEMPLATE_CODE

WEB = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(p for p in WEB.rglob("templates/**/*") if p.suffix in {".html", ".txt", ".xml"})


def test_the_templates_are_found() -> None:
    assert len(TEMPLATES) > 50 and WEB / "templates" / "base.html" in TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(WEB)))
def test_no_template_tag_is_split_over_two_lines(template: Path) -> None:
    for token in Lexer(template.read_text(encoding="utf-8")).tokenize():
        if token.token_type is TokenType.TEXT and (leak := RAW_TEMPLATE_CODE.search(token.contents)):
            line = token.lineno + token.contents.count("\n", 0, leak.start())
            shown = token.contents[leak.start() :][:60]
            pytest.fail(f"{template.relative_to(WEB)}:{line}: a tag split over two lines: {shown!r}")
