"""The web tier across machines (issue 20): two application servers, real processes with data folders of their own,
against one PostgreSQL and one Redis, with the uploads in one shared store (KAKEHASHI_MEDIA_DIR). A person signs in
through one and carries on through the other: the session and the CSRF check hold, an applicant's document uploaded
through one downloads through the other, failed logins through both count against one limit, and a result one
server remembers is in the shared cache for the other. The same upload also goes through an S3-compatible store
(moto's S3 server on localhost, with django-storages). Needs PostgreSQL and Redis on 127.0.0.1:6379 (db 7)."""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from kakehashi.web.recruitment.models import ApplicationDocument
from kakehashi.web.recruitment.tests.recruiting import PDF, answers, make_cycle
from kakehashi.web.testing import PASSWORD, side, wait_until

REDIS_DB = 7  # this test's own Redis database number, emptied before it runs
SOURCE = Path(__file__).resolve().parents[4]


def redis_or_skip() -> Any:
    try:
        import redis
    except ImportError:
        pytest.skip("the redis client is not installed")
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Browser:
    """One person's browser: its cookies go to whichever server answers, as behind a load balancer."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects())

    def get(self, port: int, path: str) -> tuple[int, bytes]:
        return self._send(urllib.request.Request(f"http://127.0.0.1:{port}{path}"))

    def post(
        self, port: int, path: str, fields: dict[str, Any], files: dict[str, tuple[str, bytes]] | None = None
    ) -> tuple[int, bytes]:
        body, content_type = multipart(fields, files or {})
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST")
        request.add_header("Content-Type", content_type)
        return self._send(request)

    def token(self, page: bytes) -> str:
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found, "the page has no CSRF token"
        return found.group(1).decode()

    def _send(self, request: urllib.request.Request) -> tuple[int, bytes]:
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the test reads each 302 itself


def multipart(fields: dict[str, Any], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{one}\r\n'.encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[int, int]]:
    # The uploads in a folder every server has, as an NFS mount.
    yield from serving(tmp_path, {"KAKEHASHI_MEDIA_DIR": str(tmp_path / "shared-documents")})


def serving(tmp_path: Path, store: dict[str, str]) -> Iterator[tuple[int, int]]:
    """Two application servers on free ports, sharing the database, Redis and the document `store`."""
    if connection.vendor != "postgresql":
        pytest.skip("servers in other processes need a database server they share: run on PostgreSQL")
    redis_or_skip().flushdb()
    db = connection.settings_dict
    shared = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join([str(SOURCE), os.environ.get("PYTHONPATH", "")]),
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "KAKEHASHI_CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "KAKEHASHI_SECRET_KEY": "one-key-for-every-application-server-0123456789-abcdefghij",
        "KAKEHASHI_ALLOWED_HOSTS": "127.0.0.1",
        "KAKEHASHI_SSL_REDIRECT": "0",
        "KAKEHASHI_SECURE_COOKIES": "0",
        "KAKEHASHI_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "KAKEHASHI_LOGIN_FAILURE_LIMIT": "3",
        "KAKEHASHI_DB_POOL_MAX": "4",  # each server keeps its connections in a pool, as docs/deployment.md advises
        "KAKEHASHI_LOG_LEVEL": "WARNING",
        **store,
    }
    ports, servers = [free_port(), free_port()], []
    try:
        for number, port in enumerate(ports):
            home = tmp_path / f"server-{number}"
            home.mkdir()
            env = {**shared, "HOME": str(home), "TMPDIR": str(home), "KAKEHASHI_DATA_DIR": str(home / "data")}
            servers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "kakehashi.cli", "serve", "--no-worker", "--address", f"127.0.0.1:{port}"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        for server, port in zip(servers, ports, strict=True):
            wait_until(lambda s=server, p=port: s.poll() is None and listening(p), f"the server on port {port}")
        yield ports[0], ports[1]
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=60)


BUCKET = "kakehashi-documents"


@pytest.fixture
def s3_store(tmp_path: Path) -> Iterator[tuple[dict[str, str], Any]]:
    """An S3-compatible store on localhost (moto's server, standing for AWS S3 or MinIO), with a private bucket:
    the settings every application server gets (docs/deployment.md) and a client to look inside it."""
    try:
        import boto3
        import storages  # noqa: F401  (the servers load django-storages' S3 class)
    except ImportError:
        pytest.skip("django-storages[s3] and moto[server] are not installed")
    port = free_port()
    keys = {"AWS_ACCESS_KEY_ID": "kakehashi-test", "AWS_SECRET_ACCESS_KEY": "kakehashi-test-secret"}
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              env={**os.environ, **keys}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: server.poll() is None and listening(port), "the S3 server")
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id=keys["AWS_ACCESS_KEY_ID"],
                              aws_secret_access_key=keys["AWS_SECRET_ACCESS_KEY"])
        client.create_bucket(Bucket=BUCKET)
        options = {"bucket_name": BUCKET, "endpoint_url": endpoint, "region_name": "us-east-1",
                   "default_acl": "private", "querystring_auth": True}
        settings = {**keys, "KAKEHASHI_STORAGE_BACKEND": "storages.backends.s3.S3Storage",
                    "KAKEHASHI_STORAGE_OPTIONS": json.dumps(options),
                    # A folder nobody shares: the documents must not land there.
                    "KAKEHASHI_MEDIA_DIR": str(tmp_path / "not-shared")}
        yield settings, client
    finally:
        server.terminate()
        server.wait(timeout=60)


def usable_password(user: Any) -> None:
    """The tests' users carry a hash only the test settings accept; the servers run the real settings."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])


def sign_in(browser: Browser, form_port: int, post_port: int, username: str, password: str = PASSWORD) -> int:
    """The login form from one server, sent to the other (the CSRF token and cookie travel between them)."""
    status, page = browser.get(form_port, "/accounts/login/")
    assert status == 200
    fields = {"csrfmiddlewaretoken": browser.token(page), "username": username, "password": password}
    return browser.post(post_port, "/accounts/login/", fields)[0]


@pytest.mark.django_db(transaction=True)  # the servers are other processes: they must see committed rows
def test_a_person_signs_in_through_one_server_and_carries_on_through_the_other(two_servers: tuple[int, int]) -> None:
    a, b = two_servers
    north = side("North", prefix="N", seed=11)
    for role in ("applicant", "coordinator", "supervisor"):
        usable_password(north.users[role])
    today = timezone.localdate()
    cycle = make_cycle(
        north.program,
        opens_on=today - dt.timedelta(days=7),
        deadline_date=today + dt.timedelta(days=30),
        time_zone="Asia/Tokyo",
        departure_on=today + dt.timedelta(days=120),
    )

    applicant = Browser()
    assert sign_in(applicant, a, b, north.users["applicant"].username) == 302
    status, form = applicant.get(a, f"/recruit/{cycle.pk}/apply/")  # the session from b, read by a
    assert status == 200
    sent = applicant.post(
        a,
        f"/recruit/{cycle.pk}/apply/",
        {**answers(), "csrfmiddlewaretoken": applicant.token(form)},
        files={"cv": ("cv.pdf", PDF)},
    )
    assert sent[0] == 302, sent[1][:2000]
    document = ApplicationDocument.objects.get(application__cycle=cycle)

    coordinator = Browser()
    assert sign_in(coordinator, b, a, north.users["coordinator"].username) == 302
    status, content = coordinator.get(b, f"/recruit/documents/{document.pk}/")  # stored through a, read through b
    assert status == 200 and content == PDF
    assert coordinator.get(a, f"/programs/{north.program.pk}/")[0] == 200
    # What a remembered result a computed is in the shared cache, for b and every other server.
    assert redis_or_skip().keys("*week-problem*")

    # Failed logins through either server count against one limit (3 here): the fourth try is refused, even with
    # the right password, whichever server it reaches.
    stranger = Browser()
    for form_port, post_port in ((a, a), (b, b), (a, b)):
        assert sign_in(stranger, form_port, post_port, north.users["supervisor"].username, "wrong-password") == 200
    status, _ = stranger.get(b, "/accounts/login/")
    refused = stranger.post(
        b,
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": stranger.token(_),
            "username": north.users["supervisor"].username,
            "password": PASSWORD,
        },
    )
    assert refused[0] == 200 and b"Too many failed logins" in refused[1]


@pytest.mark.django_db(transaction=True)
def test_an_applicants_document_uploaded_through_one_server_is_read_through_the_other_from_an_s3_store(
    tmp_path: Path, s3_store: tuple[dict[str, str], Any]
) -> None:
    store, bucket = s3_store
    servers = serving(tmp_path, store)
    a, b = next(servers)
    try:
        north = side("North", prefix="N", seed=12)
        for role in ("applicant", "coordinator"):
            usable_password(north.users[role])
        today = timezone.localdate()
        cycle = make_cycle(north.program, opens_on=today - dt.timedelta(days=7),
                           deadline_date=today + dt.timedelta(days=30), time_zone="Asia/Tokyo",
                           departure_on=today + dt.timedelta(days=120))
        applicant = Browser()
        assert sign_in(applicant, a, a, north.users["applicant"].username) == 302
        status, form = applicant.get(a, f"/recruit/{cycle.pk}/apply/")
        assert status == 200
        fields = {**answers(), "csrfmiddlewaretoken": applicant.token(form)}
        sent = applicant.post(a, f"/recruit/{cycle.pk}/apply/", fields, files={"cv": ("cv.pdf", PDF)})
        assert sent[0] == 302, sent[1][:2000]
        document = ApplicationDocument.objects.get(application__cycle=cycle)
        # In the bucket, under the name the row keeps, and in no server's own folder.
        stored = bucket.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read()
        assert stored == PDF
        assert not any(path.is_file() for path in (tmp_path / "not-shared").rglob("*"))

        coordinator = Browser()
        assert sign_in(coordinator, b, b, north.users["coordinator"].username) == 302
        status, content = coordinator.get(b, f"/recruit/documents/{document.pk}/")
        assert status == 200 and content == PDF
    finally:
        servers.close()
