"""Settings from the environment fail loudly, naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from kakehashi.web.env import ConfigurationError, env_bool, env_int, env_json_object, parse_database_url


def test_sqlite_urls_are_relative_to_the_data_folder_or_absolute_with_four_slashes(tmp_path: Path) -> None:
    assert parse_database_url("sqlite:///k.sqlite3", base_dir=tmp_path).name == str(tmp_path / "k.sqlite3")
    assert parse_database_url("sqlite:////var/k.sqlite3", base_dir=tmp_path).name == "/var/k.sqlite3"


def test_a_postgres_url_gives_every_part() -> None:
    database = parse_database_url("postgres://ko:p%40ss@127.0.0.1:5432/kakehashi?sslmode=disable", base_dir=Path())
    assert (database.engine, database.name, database.user, database.password, database.host, database.port) == (
        "django.db.backends.postgresql",
        "kakehashi",
        "ko",
        "p@ss",
        "127.0.0.1",
        "5432",
    )
    assert database.options == {"sslmode": "disable"}


def test_an_unknown_database_scheme_is_refused_by_name() -> None:
    with pytest.raises(ConfigurationError, match="DATABASE_URL='mysql://x/y': the scheme must be sqlite or postgres"):
        parse_database_url("mysql://x/y", base_dir=Path())


def test_a_misspelt_boolean_or_number_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAKEHASHI_DEBUG", "maybe")
    with pytest.raises(ConfigurationError, match="KAKEHASHI_DEBUG='maybe'"):
        env_bool("KAKEHASHI_DEBUG", False)
    monkeypatch.setenv("KAKEHASHI_IMPORT_MAX_BYTES", "5MB")
    with pytest.raises(ConfigurationError, match="KAKEHASHI_IMPORT_MAX_BYTES='5MB': expected a whole number"):
        env_int("KAKEHASHI_IMPORT_MAX_BYTES", 1)


def test_a_storages_options_are_a_json_object_and_anything_else_names_its_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert env_json_object("KAKEHASHI_STORAGE_OPTIONS") == {}
    monkeypatch.setenv("KAKEHASHI_STORAGE_OPTIONS", '{"bucket_name": "kakehashi", "region_name": "ap-northeast-1"}')
    assert env_json_object("KAKEHASHI_STORAGE_OPTIONS") == {"bucket_name": "kakehashi", "region_name": "ap-northeast-1"}
    monkeypatch.setenv("KAKEHASHI_STORAGE_OPTIONS", '["kakehashi"]')
    with pytest.raises(ConfigurationError, match="KAKEHASHI_STORAGE_OPTIONS"):
        env_json_object("KAKEHASHI_STORAGE_OPTIONS")
