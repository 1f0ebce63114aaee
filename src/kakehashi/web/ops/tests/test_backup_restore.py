"""Backup and restore: SQLite by its online backup API, PostgreSQL by pg_dump and pg_restore, each put
back and compared; bad input refused before anything is overwritten."""

from __future__ import annotations

import io
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kakehashi.web.ops.backup import BackupError, Target, backup_database, copy_media, restore_database, restore_media
from kakehashi.web.schools.models import School
from kakehashi.web.testing import side


def test_an_sqlite_database_is_backed_up_while_open_and_restored_as_it_was(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as db:
        db.execute("create table school (code text)")
        db.executemany("insert into school values (?)", [("S001",), ("S002",)])
    target = Target("sqlite", {"NAME": str(live)})
    saved = backup_database(target, tmp_path / "backups" / "one.sqlite3")
    with sqlite3.connect(live) as db:
        db.execute("delete from school where code = 'S001'")
    restore_database(target, saved)
    with sqlite3.connect(live) as db:
        assert [row[0] for row in db.execute("select code from school order by code")] == ["S001", "S002"]


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_is_overwritten(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as db:
        db.execute("create table keep (x)")
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    with pytest.raises(BackupError, match="not an SQLite backup"):
        restore_database(Target("sqlite", {"NAME": str(live)}), bogus)
    with sqlite3.connect(live) as db:
        assert db.execute("select name from sqlite_master").fetchall() == [("keep",)]


@pytest.mark.django_db
def test_restore_asks_for_confirmation_first(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "x.sqlite3"))


@pytest.mark.django_db(transaction=True)
def test_the_backup_command_copies_the_database_the_site_uses(tmp_path: Path) -> None:
    side("North", prefix="N", seed=11)
    out = io.StringIO()
    suffix = ".sqlite3" if connection.vendor == "sqlite" else ".pgdump"
    call_command("backup", output=tmp_path / f"site{suffix}", stdout=out)
    assert "Backed up the database" in out.getvalue()
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / f"site{suffix}") as db:
            assert db.execute("select count(*) from schools_school").fetchone()[0] == School.objects.count()
    else:
        _restore_into_a_scratch_postgres_database(tmp_path / f"site{suffix}")


def _restore_into_a_scratch_postgres_database(dump: Path) -> None:
    import psycopg

    settings: dict[str, Any] = dict(connection.settings_dict)
    scratch = f"kakehashi_restore_{uuid.uuid4().hex[:8]}"
    admin = Target("postgresql", {**settings, "NAME": "postgres"}).postgres_url
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'create database "{scratch}"')
    try:
        restore_database(Target("postgresql", {**settings, "NAME": scratch}), dump)
        with psycopg.connect(Target("postgresql", {**settings, "NAME": scratch}).postgres_url) as db:
            count = db.execute("select count(*) from schools_school").fetchone()
        assert count is not None and count[0] == School.objects.count() > 0
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'drop database if exists "{scratch}" with (force)')


def test_documents_are_backed_up_and_restored_through_the_storage_wherever_it_keeps_them(tmp_path: Path) -> None:
    # A storage with no folder on this machine (as an S3 bucket, or the tests' memory): only its API reaches them.
    storage = InMemoryStorage()
    storage.save("applications/7/cv-4f2a.pdf", ContentFile(b"%PDF-1.4 a CV"))
    storage.save("applications/7/passport-9c1d.png", ContentFile(b"\x89PNG a passport"))
    folder = copy_media(storage, tmp_path / "backups" / "site.pgdump")
    assert folder is not None and (folder / "applications/7/cv-4f2a.pdf").read_bytes() == b"%PDF-1.4 a CV"

    storage.delete("applications/7/cv-4f2a.pdf")
    storage.delete("applications/7/passport-9c1d.png")
    storage.save("applications/7/passport-9c1d.png", ContentFile(b"changed since"))  # the backup's copy wins
    assert restore_media(tmp_path / "backups" / "site.pgdump", storage)
    with storage.open("applications/7/cv-4f2a.pdf") as restored:
        assert restored.read() == b"%PDF-1.4 a CV"
    with storage.open("applications/7/passport-9c1d.png") as restored:
        assert restored.read() == b"\x89PNG a passport"


def test_a_backup_without_documents_makes_no_documents_folder(tmp_path: Path) -> None:
    assert copy_media(InMemoryStorage(), tmp_path / "site.pgdump") is None
