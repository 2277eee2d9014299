from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Passkeys at http://localhost:PORT during development.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
