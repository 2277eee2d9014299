"""Settings shared by every environment. Secrets and hosts come from the environment."""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "qiao.core",
    "qiao.news",
    "qiao.accounts",
    "qiao.events",
    "qiao.mobility",
    "qiao.advising",
    "qiao.partners",
    "qiao.outbox",
    "qiao.reports",
    "qiao.newsletter",
    "qiao.incoming",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's list of passkeys
    "django.contrib.sitemaps",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "qiao.core.middleware.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "qiao.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "qiao.accounts.middleware.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "qiao.core.middleware.PersonalPagesMiddleware",
    # Last, so that its pages have the language and user; it still runs before any view
    # (or the CSRF check) reads the request body.
    "qiao.core.middleware.RequestLimitsMiddleware",
    # Right before the view: answers anonymous visitors from the whole-page cache.
    "qiao.core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "qiao.urls"
WSGI_APPLICATION = "qiao.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite by default (WAL, IMMEDIATE transactions so that concurrent writers
# queue instead of failing); PostgreSQL in production through DATABASE_URL.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            # A writer waits up to a minute for the one before it (a rush of registrations
            # queues instead of failing with "database is locked").
            "timeout": 60,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;"
            ),
        }
    )
# Connections are kept for a minute and reused by the next request of the same process:
# with SQLite, closing the last connection checkpoints and removes the WAL file, which the
# next request then creates again (about 5 ms per request, most of a cached page's cost).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://qiao")}
# Whole pages for visitors who are not signed in (qiao.core.pagecache): kept until the
# content changes, pages with live figures (seats left, open calls) at most this long.
# On by default; the unit tests switch it off and test it on its own (core/tests).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=24 * 3600)
PAGE_CACHE_LIVE_SECONDS = env.int("PAGE_CACHE_LIVE_SECONDS", default=10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages: German is the default; Chinese is Simplified Chinese, served under /zh/.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English"), ("zh-hans", "简体中文")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"
CHINA_TIME_ZONE = "Asia/Shanghai"
# Unambiguous English dates ("7 Dec 2026"), Chinese dates in Chinese order.
FORMAT_MODULE_PATH = ["qiao.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Uploaded personal documents live outside MEDIA_ROOT and are only served by views that
# check permission.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Checked from the file header before decoding (decompression bombs, huge page trees).
UPLOAD_MAX_PIXELS = env.int("UPLOAD_MAX_PIXELS", default=50_000_000)
UPLOAD_MAX_PDF_PAGES = env.int("UPLOAD_MAX_PDF_PAGES", default=100)
# The task worker builds an application's documents as one PDF within this budget.
BUNDLE_MAX_MEMORY_MB = env.int("BUNDLE_MAX_MEMORY_MB", default=512)
BUNDLE_MAX_SECONDS = env.int("BUNDLE_MAX_SECONDS", default=120)
# Larger request bodies are refused by their Content-Length (413) before they are read.
# The reverse proxy should refuse them too (e.g. nginx client_max_body_size), also those
# sent without a length.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=UPLOAD_MAX_BYTES + 1024 * 1024)

# E-mail: console in development, SMTP (EMAIL_URL, e.g. smtp+tls://user:pw@host:587) in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="China-Kompetenzzentrum <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAIL = env("STAFF_NOTIFICATION_EMAIL", default="office@localhost")
# Seconds to wait for the mail server before the attempt counts as failed (and is retried).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# Background jobs: the database backend, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Qiao"
# The address the site is reached at: every link in e-mails and calendar files starts with
# it. `make run` sets it from HOST and PORT; production requires an https address.
BASE_URL = env("BASE_URL", default=env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"))
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No SVG: an SVG is a document that can run script in the site's origin.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Documents editors may upload; each is served as a download in a sandbox
# (qiao.core.documents), never inline.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "rtf",
    "txt",
    "csv",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "zip",
]
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TAGGIT_CASE_INSENSITIVE = True
# "Translate this page" makes drafts: the copy is still in the source language, so it goes
# live only when a person publishes the finished translation.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Accounts (django-allauth): e-mail is the login, and it must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Sign-up, login and password reset answer alike for known and unknown addresses, in
# content and in time (qiao.accounts.forms.SignupForm; allauth hashes a password for
# unknown addresses at login).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"signup": "qiao.accounts.forms.SignupForm"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Security headers. The CSP allows nothing from other hosts and no inline script or style.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The Wagtail admin uses inline scripts and styles; its pages get a relaxed policy that
# still allows nothing from another host.
CSP_ADMIN_PATH_PREFIXES = ("/admin/",)
CSP_ADMIN_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
}

# Limits (rate limits are per client IP address).
# Reverse proxies in front of the application that append the client's address to
# X-Forwarded-For (0: clients connect directly). Every per-address limit, ours and
# allauth's, reads the client address through qiao.core.ratelimits.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "qiao.core.ratelimits.client_ip"
CONTACT_RATE_LIMIT = env("CONTACT_RATE_LIMIT", default="5/h")
# Checks of certificate codes per visitor address (codes are random; this stops guessing).
VERIFY_RATE_LIMIT = env("VERIFY_RATE_LIMIT", default="30/h")
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "qiao.core.views.rate_limited"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
CONTACT_RETENTION_DAYS = env.int("CONTACT_RETENTION_DAYS", default=365)

# --- advising ---
# A new booking holds its slot this long until the person confirms by e-mail link.
ADVISING_HOLD_MINUTES = env.int("ADVISING_HOLD_MINUTES", default=30)
# Booking (and rebooking onto) a slot closes this long before it starts.
ADVISING_BOOKING_CLOSES_MINUTES = env.int("ADVISING_BOOKING_CLOSES_MINUTES", default=120)
# How far ahead free slots are offered.
ADVISING_BOOKING_WINDOW_DAYS = env.int("ADVISING_BOOKING_WINDOW_DAYS", default=28)
# The reminder goes out this long before the appointment.
ADVISING_REMINDER_HOURS = env.int("ADVISING_REMINDER_HOURS", default=24)
# Bookings and notes are deleted this long after the appointment (purge_advising).
ADVISING_RETENTION_DAYS = env.int("ADVISING_RETENTION_DAYS", default=365)
ADVISING_BOOKING_RATE_LIMIT = env("ADVISING_BOOKING_RATE_LIMIT", default="20/h")

# --- events ---
# How long an e-mail confirmation link works, and when the reminder goes out.
EVENTS_CONFIRMATION_MAX_AGE = env.int("EVENTS_CONFIRMATION_MAX_AGE", default=48 * 3600)
EVENTS_REMINDER_HOURS_BEFORE = env.int("EVENTS_REMINDER_HOURS_BEFORE", default=24)
NEWSLETTER_RATE_LIMIT = env("NEWSLETTER_RATE_LIMIT", default="10/h")
# Issues are queued in batches; the pause between batches keeps to this many e-mails per
# minute (the mail server's or the provider's limit).
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=200)
NEWSLETTER_SEND_RATE = env.int("NEWSLETTER_SEND_RATE", default=600)
EVENTS_REGISTRATION_RATE_LIMIT = env("EVENTS_REGISTRATION_RATE_LIMIT", default="20/h")
# Personal data of registrations is erased this long after the event (counts stay).
EVENTS_RETENTION_DAYS = env.int("EVENTS_RETENTION_DAYS", default=365)
# The survey goes out the day after an event ends, for this many days at most (an event
# whose survey is switched on later than that sends none).
EVENTS_SURVEY_WINDOW_DAYS = env.int("EVENTS_SURVEY_WINDOW_DAYS", default=14)

# --- mobility: offers ---
# An applicant is reminded this long before the reply-by date of an offer.
MOBILITY_OFFER_REMINDER_BEFORE = timedelta(days=env.int("MOBILITY_OFFER_REMINDER_DAYS", default=3))

# --- accounts ---
# Applicants land on their dashboard after signing in.
LOGIN_REDIRECT_URL = "accounts:dashboard"

# --- privacy in the admin ---
# Staff avatars are never fetched from gravatar.com (it would send a hash of each staff
# e-mail to a third party), and the dashboard does not ask releases.wagtail.org for news.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- accounts: e-mails and confirmation ---
ACCOUNT_ADAPTER = "qiao.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "qiao.accounts.adapter.user_display"
# Confirming the address in the browser that signed up signs the applicant in and takes
# them back to where they were going (e.g. the application form).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True

# --- periodic jobs ---
# Production runs these from cron (README, "Daily jobs"); `make run` runs them with
# `manage.py run_periodic_jobs`: (management command, interval in seconds).
PERIODIC_JOBS = [
    ("publish_scheduled", 60),
    ("send_event_reminders", 15 * 60),
    ("send_event_surveys", 60 * 60),
    ("send_advising_reminders", 60 * 60),
    ("generate_advising_slots", 24 * 60 * 60),
    ("send_renewal_alerts", 24 * 60 * 60),
    ("purge_contact_messages", 24 * 60 * 60),
    ("purge_advising", 24 * 60 * 60),
    ("purge_mobility", 24 * 60 * 60),
    ("send_offer_reminders", 15 * 60),
    ("expire_offers", 5 * 60),
    ("purge_event_registrations", 24 * 60 * 60),
    ("deliver_outbox", 60),
    ("send_newsletters", 60),
    ("recover_tasks", 5 * 60),
    ("report_outbox_failures", 24 * 60 * 60),
    ("purge_outbox", 24 * 60 * 60),
    ("purge_audit_trail", 24 * 60 * 60),
    ("send_incoming_reminders", 24 * 60 * 60),
    ("purge_incoming", 24 * 60 * 60),
]

# --- incoming groups ---
# A roster (XLSX or CSV) larger than this is refused before it is read.
INCOMING_ROSTER_MAX_BYTES = env.int("INCOMING_ROSTER_MAX_BYTES", default=2 * 1024 * 1024)
# A participant's personal link works until this many days after the group's last day.
INCOMING_LINK_DAYS_AFTER_END = env.int("INCOMING_LINK_DAYS_AFTER_END", default=30)
# Participants' personal data is erased this many days after the group's last day.
INCOMING_RETENTION_DAYS = env.int("INCOMING_RETENTION_DAYS", default=365)
# Reminders (missing details, insurance or visa ending early) start this many days before
# a group arrives; the coordinators' weekly digest too.
INCOMING_REMINDER_DAYS = env.int("INCOMING_REMINDER_DAYS", default=28)

# --- outbox ---
# Delivery starts once the change that queued an e-mail is committed; the unit tests (each
# inside a transaction that is never committed) deliver at once instead.
OUTBOX_DELIVER_BEFORE_COMMIT = False
# How long temporary failures (server down, time-outs, 4xx replies) are retried.
OUTBOX_RETRY_FOR = timedelta(hours=env.int("OUTBOX_RETRY_HOURS", default=48))
# A row left "sending" this long belongs to a worker that died; it is sent again.
OUTBOX_SENDING_TIMEOUT = timedelta(minutes=10)
# Sent and failed e-mails are deleted after this many days (or with what they belong to).
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=90)
# Who opened, exported or changed whose data is kept this long, then deleted.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=730)
# The back office warns when background tasks have waited longer than this.
TASKS_OVERDUE_AFTER = timedelta(minutes=env.int("TASKS_OVERDUE_MINUTES", default=5))
# A task marked running for longer than this was left by a dead worker and runs again.
TASKS_RUNNING_TIMEOUT = timedelta(minutes=env.int("TASKS_RUNNING_TIMEOUT_MINUTES", default=15))

# --- accounts: staff sign-in ---
# Staff sign in through allauth's login (verified address, rate limits) at /admin/login/,
# then with a one-time code from an authenticator app (TOTP) or a recovery code. Wagtail's
# own login and password reset are not used.
# Accounts with back-office access are led to set up the second factor before it opens.
STAFF_TWO_FACTOR_REQUIRED = True
# Passkeys (security keys, WebAuthn) may stand in for the authenticator app. Browsers accept
# them on https, and on http only at http://localhost (not at an IP address).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Qiao")
WAGTAIL_PASSWORD_RESET_ENABLED = False
