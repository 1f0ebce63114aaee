"""Settings for the test suite: the real settings, with a fixed key and fast password hashing.
DATABASE_URL still chooses the database, so the same suite runs on SQLite and on PostgreSQL."""

import os

os.environ.setdefault("KAKEHASHI_DEBUG", "0")
os.environ.setdefault("KAKEHASHI_SECRET_KEY", "test-only-secret-key-not-for-deployment-0123456789")

from kakehashi.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: hashing is not under test
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
# Ids are reused after a test's rollback on SQLite, so a remembered result could outlive its data here.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# The test client and the browser tests' live server speak plain HTTP; HTTPS is checked by check --deploy.
SECURE_SSL_REDIRECT = False
