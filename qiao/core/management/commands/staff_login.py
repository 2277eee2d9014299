import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create or reset the demo staff account and print its login (development only)."

    def handle(self, *args, **options):
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        user, _created = User.objects.get_or_create(
            username=USERNAME,
            defaults={"email": "admin@example.org", "first_name": "Demo", "last_name": "Admin"},
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Staff login: {settings.BASE_URL.rstrip('/')}/admin/\n"
                f"  user: {USERNAME}   password: {password}\n"
                "  (a new password is set every time the portal starts)\n"
            )
        )
