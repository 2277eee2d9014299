"""Give the Mobility coordinators (who also run the incoming groups) the permissions of
this app; the staff roles (accounts.0001) are created before these permissions exist.
Passport data stays limited to each group's own coordinators (see access.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("cohort", "participant", "lettertext")
    for action in ("add", "change", "delete", "view")
] + ["view_passport_data"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("incoming")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Mobility coordinators").first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="incoming", codename__in=COORDINATOR_PERMISSIONS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("incoming", "0001_initial"),
        ("accounts", "0001_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
