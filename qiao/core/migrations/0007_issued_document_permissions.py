"""Staff who issue certificates and letters may look them up and withdraw one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Event team", "Mobility coordinators", "Administrators"]
CODENAMES = ["view_issueddocument", "change_issueddocument"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("core")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_issued_documents"),
        ("accounts", "0001_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
