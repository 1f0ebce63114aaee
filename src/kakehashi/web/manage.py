"""`kakehashi manage …` and `python -m kakehashi.web.manage …`: Django's management commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kakehashi.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kakehashi manage", *(argv if argv is not None else sys.argv[1:])])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
