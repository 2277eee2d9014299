"""Settings of the server the browser tests start: development settings, served as in
production (DEBUG off, so the site's own 404 page is what a visitor sees), e-mail through
the SMTP server the tests start (EMAIL_URL), tasks run in the request so that e-mails
arrive without a worker."""

from qiao.settings.dev import *  # noqa: F403

DEBUG = False
# whitenoise serves the files straight from the apps' static folders (no collectstatic).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ROOT_URLCONF = "e2e.urls"
