"""Settings of the benchmark server: the production stack without HTTPS (wrk speaks plain
HTTP on 127.0.0.1), plus a trivial view as the ceiling (bench/urls.py)."""

from qiao.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-secret-key-never-used-in-production-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
