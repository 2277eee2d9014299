import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from qiao.accounts.services import enrol_staff_account

USERNAME = "admin"
EMAIL = "admin@example.org"


class Command(BaseCommand):
    help = (
        "Create or reset the demo staff account and print its login with its two-factor "
        "secret and recovery codes (development only)."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        user, _created = User.objects.get_or_create(
            username=USERNAME,
            defaults={"email": EMAIL, "first_name": "Demo", "last_name": "Admin"},
        )
        user.is_staff = user.is_superuser = True
        secret, codes = enrol_staff_account(user, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Staff login: {settings.BASE_URL.rstrip('/')}/admin/\n"
                f"  user: {user.email}   password: {password}\n"
                f"  two-factor secret: {secret}\n"
                f"  (add it to an authenticator app, or get the current code with\n"
                f"   oathtool --totp -b {secret})\n"
                f"  recovery codes (each works once): {' '.join(codes)}\n"
                "  (a new password, secret and recovery codes are set every time the portal"
                " starts)\n"
            )
        )
