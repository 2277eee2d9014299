import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests see every page as rendered; the tests of the whole-page cache turn it on.
PAGE_CACHE_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each test runs in a transaction that is never committed: deliver the outbox at once.
OUTBOX_DELIVER_BEFORE_COMMIT = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Back-office tests sign staff in with force_login; the tests of the sign-in turn it on.
STAFF_TWO_FACTOR_REQUIRED = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

# A file, not SQLite's in-memory database: with shared memory a second writer gets
# "database table is locked" at once instead of waiting, so the concurrency tests could
# not show how the site really behaves. One file per process, so that test runs side by
# side never share one; the test runner deletes it at the end.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "var" / f"test-db-{os.getpid()}.sqlite3")  # noqa: F405
    }
