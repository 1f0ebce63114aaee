"""Typed readers of environment variables that fail loudly: a misspelt value stops the start, with the
variable's name, instead of running with a silent default."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class ConfigurationError(ValueError):
    """A setting's environment variable holds a value that cannot be used."""


TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ConfigurationError(
        f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off (真偽値を指定してください)"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r}: expected a whole number (整数を指定してください)") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json_object(name: str) -> dict[str, object]:
    """A JSON object (`{"bucket_name": "kakehashi"}`), or an empty one when the variable is unset or blank."""
    raw = os.environ.get(name, "")
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        raise ConfigurationError(f"{name}={raw!r}: expected a JSON object such as {{\"key\": \"value\"}} "
                                 "(JSON のオブジェクトを指定してください)")
    return value


@dataclass(frozen=True)
class Database:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: dict[str, str] | None = None

    def as_django(self) -> dict[str, object]:
        settings: dict[str, object] = {
            "ENGINE": self.engine,
            "NAME": self.name,
            "USER": self.user,
            "PASSWORD": self.password,
            "HOST": self.host,
            "PORT": self.port,
            "ATOMIC_REQUESTS": False,
            "CONN_MAX_AGE": 60 if "postgresql" in self.engine else 0,
        }
        if self.options:
            settings["OPTIONS"] = dict(self.options)
        if "sqlite" in self.engine:
            # Concurrent page views and a task worker share one file: wait for the lock, don't fail. A write
            # transaction takes the lock when it begins (IMMEDIATE), so two decisions at the same moment run one
            # after the other instead of one failing with "database is locked" when it upgrades its read lock.
            settings["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE", **(self.options or {})}
        return settings


def parse_database_url(url: str, *, base_dir: Path) -> Database:
    """`sqlite:///relative.db`, `sqlite:////absolute.db`, or `postgres://user:pass@host:port/name?opt=v`."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if path.startswith("//"):
            name = path[1:]  # four slashes: an absolute path
        else:
            name = str(base_dir / path.lstrip("/")) if path.strip("/") else ":memory:"
        return Database("django.db.backends.sqlite3", name)
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ConfigurationError(f"DATABASE_URL={url!r}: names no database (データベース名がありません)")
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        return Database(
            "django.db.backends.postgresql",
            name,
            unquote(parts.username or ""),
            unquote(parts.password or ""),
            parts.hostname or "",
            str(parts.port or ""),
            options or None,
        )
    raise ConfigurationError(
        f"DATABASE_URL={url!r}: the scheme must be sqlite or postgres (sqlite か postgres を指定してください)"
    )
