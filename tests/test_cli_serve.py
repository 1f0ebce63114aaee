"""`kakehashi serve` stopped by a service manager (SIGTERM) stops its task workers too (issue 16, finding 11):
before, the default SIGTERM action ended the server without its cleanup and the db_worker ran on alone. It starts
one worker per queue (issue 20), so a long solve never holds up a sick day's cover."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Generous: migrating a fresh database on a busy shared machine. Only a bound on waiting, never a measurement.
PATIENCE_SECONDS = 300
SOURCE = Path(__file__).resolve().parents[1] / "src"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(parent: int) -> dict[int, str]:
    """The processes whose parent is `parent`, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found[int(entry.name)] = command
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition: object, what: str) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_serve_stopped_with_sigterm_stops_its_task_workers_too(tmp_path: Path) -> None:
    port = free_port()
    environment = {
        **os.environ,
        "KAKEHASHI_DEBUG": "1",
        "KAKEHASHI_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "PYTHONPATH": os.pathsep.join([str(SOURCE), os.environ.get("PYTHONPATH", "")]),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "kakehashi.cli", "serve", "--address", f"127.0.0.1:{port}"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: dict[int, str] = {}

        def workers_started() -> bool:
            assert server.poll() is None, "serve ended before its workers started"
            workers.clear()
            workers.update({pid: command for pid, command in children(server.pid).items() if "db_worker" in command})
            return len(workers) == 2

        wait_until(workers_started, "the task workers to start")
        # One worker for each queue: solves on their own, so quick jobs never wait behind one.
        assert sorted(command.split("--queue-name ")[1].split()[0] for command in workers.values()) == [
            "quick",
            "solves",
        ]
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=PATIENCE_SECONDS)
        wait_until(lambda: not any(alive(pid) for pid in workers), "the task workers to stop")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert not any(alive(pid) for pid in workers)
