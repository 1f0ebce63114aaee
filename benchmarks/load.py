"""`make bench` (third part): 200 participants at once fetching their week page and their iCal feed from
gunicorn on PostgreSQL over loopback; latency percentiles into benchmarks/load.md (included in RESULTS.md).

Set-up: a scratch PostgreSQL database, `kakehashi manage demo` (Takasaki, 25 ALTs, a published week), a
login and a calendar token for every ALT. Load: 200 virtual participants (8 per ALT account), each look
opening a connection and fetching /people/<code>/ then /calendar/<token>.ics on it, then pausing 5-15 s (a
person reading their week; --think sets it), for the given duration, after a warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET_P99_MS = 100.0
THINK = (5.0, 15.0)  # seconds a participant spends reading between two looks; set by --think


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def fetch(reader: Any, writer: Any, path: str, cookie: str) -> tuple[int, float]:
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nConnection: keep-alive\r\n\r\n"
    began = time.perf_counter()
    writer.write(request.encode())
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        return 0, (time.perf_counter() - began) * 1000  # the server closed the connection
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    await reader.readexactly(length)
    return int(status_line.split()[1]), (time.perf_counter() - began) * 1000


async def participant(
    port: int,
    code: str,
    cookie: str,
    token: str,
    until: float,
    warm: float,
    results: dict[str, list[float]],
    errors: list[str],
    rng: random.Random,
) -> None:
    """One person: each look opens a connection (a phone waking up), fetches the week and the feed on it,
    and closes it; then they read for a while."""
    while time.monotonic() < until:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for label, path in (("my week", f"/people/{code}/"), ("iCal feed", f"/calendar/{token}.ics")):
                status, ms = await fetch(reader, writer, path, cookie)
                if status != 200:
                    errors.append(f"{path}: {status}")
                elif time.monotonic() > warm:
                    results[label].append(ms)
        finally:
            writer.close()
        await asyncio.sleep(rng.uniform(*THINK))


async def run_load(
    port: int, users: list[tuple[str, str, str]], seconds: float, warmup: float
) -> tuple[dict[str, list[float]], list[str]]:
    results: dict[str, list[float]] = {"my week": [], "iCal feed": []}
    errors: list[str] = []
    start = time.monotonic()
    rng = random.Random(1)
    tasks = [
        participant(
            port,
            code,
            cookie,
            token,
            start + warmup + seconds,
            start + warmup,
            results,
            errors,
            random.Random(rng.random()),
        )
        for code, cookie, token in users
    ]
    await asyncio.gather(*tasks)
    return results, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--postgres", default=os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/3", help="KAKEHASHI_CACHE_URL for the server")
    parser.add_argument("--think", default="5-15", help="pause between looks, seconds: LOW-HIGH")
    parser.add_argument("--out", type=Path, default=HERE / "load.md")
    args = parser.parse_args()
    global THINK
    low, _, high = args.think.partition("-")
    THINK = (float(low), float(high or low))
    import psycopg

    scratch = f"kakehashi_load_{uuid.uuid4().hex[:8]}"
    admin = args.postgres.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'create database "{scratch}"')
    folder = tempfile.mkdtemp(prefix="kakehashi-load-")
    env = {
        **os.environ,
        "KAKEHASHI_DATA_DIR": folder,
        "DATABASE_URL": args.postgres.rsplit("/", 1)[0] + f"/{scratch}",
        "KAKEHASHI_SECRET_KEY": "load-bench-secret-key-0123456789-abcdefghij",
        "KAKEHASHI_DEBUG": "0",
        "KAKEHASHI_ALLOWED_HOSTS": "127.0.0.1",
        "KAKEHASHI_SSL_REDIRECT": "0",
        "KAKEHASHI_SECURE_COOKIES": "0",
        "KAKEHASHI_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "kakehashi.web.settings",
        "KAKEHASHI_CACHE_URL": args.cache,
    }
    os.environ.update(env)
    if args.cache:
        import redis

        # Results are keyed by the change log's newest id: a fresh database must not meet an old run's keys.
        redis.Redis.from_url(args.cache).flushdb()
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        from kakehashi.web.accounts.models import Role
        from kakehashi.web.pages.people.calendar import calendar_token_issue
        from kakehashi.web.people.models import Participant

        call_command("migrate", verbosity=0)
        call_command("demo", time_limit=20, stdout=io.StringIO())
        from django.contrib.auth import get_user_model

        accounts = []
        for person in Participant.objects.filter(kind="alt").order_by("code"):
            if person.user is None:
                user = get_user_model().objects.create_user(username=f"load-{person.code}", password="load-pass-0123")
                Role.objects.create(user=user, kind=Role.Kind.PARTICIPANT, participant=person)
                person.user = user
                person.save()
            client = Client()
            client.force_login(person.user)
            accounts.append(
                (
                    person.code,
                    f"sessionid={client.cookies['sessionid'].value}",
                    calendar_token_issue(participant=person).token,
                )
            )
        users = [accounts[i % len(accounts)] for i in range(args.users)]
        port = 18000 + random.randrange(1000)
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "kakehashi.web.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-connections",
                "1000",
                "--threads",
                "8",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        for _ in range(100):
            try:
                with __import__("socket").create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        results, errors = asyncio.run(run_load(port, users, args.seconds, args.warmup))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'drop database if exists "{scratch}" with (force)')
    rows = []
    for label, times in results.items():
        p50, p95, p99 = (percentile(times, q) for q in (0.5, 0.95, 0.99))
        rows.append((label, len(times), p50, p95, p99, max(times)))
        print(f"{label:<10} n={len(times)} p50 {p50:.1f} ms p95 {p95:.1f} ms p99 {p99:.1f} ms", flush=True)
    worst = max(r[4] for r in rows)
    total = sum(r[1] for r in rows)
    lines = [
        "## Load (issue 9): 200 participants on gunicorn and PostgreSQL",
        "",
        f"Made by `.venv/bin/python benchmarks/load.py --users {args.users} --seconds {args.seconds:g} "
        f"--workers {args.workers}` (part of `make bench`) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PostgreSQL on 127.0.0.1, Redis cache ({args.cache}), gunicorn {args.workers} workers × 8 threads; "
        "the load generator (asyncio, "
        "a new connection per look) runs on the same cores.",
        "",
        f"{args.users} virtual participants over the demo's 25 ALT accounts, each fetching their week page then "
        f"their iCal feed, pausing {THINK[0]:g}–{THINK[1]:g} s between looks, for {args.seconds:g} s after a "
        f"{args.warmup:g} s warm-up: "
        f"{total} requests, {total / args.seconds:.0f} a second, {len(errors)} errors.",
        "",
        "| request | count | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
        *[
            f"| {label} | {n} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {top:.1f} |"
            for label, n, p50, p95, p99, top in rows
        ],
        "",
        f"Target: p99 under {TARGET_P99_MS:.0f} ms — {'met' if worst < TARGET_P99_MS else 'NOT met'} "
        f"(worst p99 {worst:.1f} ms).",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
