"""Backups of the database: SQLite through its online backup API (a consistent copy while the site runs),
PostgreSQL through pg_dump's custom format; restore is the reverse (pg_restore --clean for PostgreSQL).
Uploaded documents are read through the storage API (wherever they are stored) and copied as files beside the
database backup."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.core.files import File
from django.core.files.storage import Storage


class BackupError(RuntimeError):
    """A backup or restore that cannot be done, with the reason in English and Japanese."""


@dataclass(frozen=True)
class Target:
    """The database to back up or restore: Django's settings for one alias."""

    vendor: str  # "sqlite" or "postgresql"
    settings: dict[str, Any]

    @property
    def postgres_url(self) -> str:
        s = self.settings
        login = quote(str(s.get("USER") or ""))
        if s.get("PASSWORD"):
            login += ":" + quote(str(s["PASSWORD"]))
        return f"postgresql://{login}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


def _sqlite(name: object) -> sqlite3.Connection:
    text = str(name)
    # Django's test databases are shared in-memory ones named by URI.
    return sqlite3.connect(text, uri=text.startswith("file:"))


def backup_database(target: Target, output: Path) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    if target.vendor == "sqlite":
        source = _sqlite(target.settings["NAME"])
        copy = sqlite3.connect(str(output))
        try:
            with copy:
                source.backup(copy)  # page by page, consistent even while the site writes
        finally:
            copy.close()
            source.close()
        return output
    if target.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={output}", target.postgres_url])
        return output
    raise BackupError(f"No backup for the {target.vendor} database. / このデータベースはバックアップできません。")


def restore_database(target: Target, source: Path) -> None:
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file. / バックアップファイルがありません。")
    if target.vendor == "sqlite":
        _check_sqlite(source)
        backup = sqlite3.connect(str(source))
        live = _sqlite(target.settings["NAME"])
        try:
            with live:
                backup.backup(live)
        finally:
            live.close()
            backup.close()
        return
    if target.vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={target.postgres_url}",
                str(source),
            ]
        )
        return
    raise BackupError(f"No restore for the {target.vendor} database. / このデータベースは復元できません。")


def _check_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database before anything is overwritten."""
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise BackupError(f"{path}: not an SQLite backup. / SQLite のバックアップではありません。")


def copy_media(storage: Storage, output: Path) -> Path | None:
    """Every stored document copied into a folder beside the database backup, read through the storage API: the
    same whether the documents are in a local folder, a mount all servers share, or an S3 bucket."""
    names = sorted(_stored_names(storage, ""))
    if not names:
        return None
    folder = output.with_suffix(".media")
    if folder.exists():
        shutil.rmtree(folder)
    for name in names:
        copy = folder / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as stored, copy.open("wb") as written:
            shutil.copyfileobj(stored, written)
    return folder


def restore_media(backup: Path, storage: Storage) -> bool:
    """The documents of a backup put back into the storage under their own names (the database's rows name them);
    a document stored since under the same name is replaced by the backup's."""
    folder = backup.with_suffix(".media")
    if not folder.is_dir():
        return False
    for copy in sorted(path for path in folder.rglob("*") if path.is_file()):
        name = copy.relative_to(folder).as_posix()
        if storage.exists(name):
            storage.delete(name)
        with copy.open("rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}. / 文書を元の名前で復元できませんでした。")
    return True


def _stored_names(storage: Storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever uploaded: the folder is not there yet
        return
    for file in files:
        yield f"{folder}/{file}" if folder else file
    for sub in folders:
        yield from _stored_names(storage, f"{folder}/{sub}" if folder else sub)


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (apt-get install postgresql-client). / {command[0]} がありません。"
        )
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # The URL may carry a password: never echo the command, only what the tool said.
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]} / {command[0]} が失敗しました。")
