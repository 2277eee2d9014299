from django.contrib.auth.management import create_permissions
from django.db import migrations

from qiao.accounts.roles import (
    EDITOR_COLLECTION_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    ROLES,
)


def _permission(apps, dotted: str):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _existing_permissions(apps, dotted_names):
    """The roles' permissions that exist at this point of the migrations. An app added
    later (e.g. reports) grants its own permissions in a migration of its own."""
    Permission = apps.get_model("auth", "Permission")
    found = []
    for dotted in dotted_names:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for name, permissions in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_existing_permissions(apps, permissions))
    editors = Group.objects.get(name="Editors")
    GroupPagePermission.objects.filter(group=editors).delete()
    GroupCollectionPermission.objects.filter(group=editors).delete()
    for root in Page.objects.filter(depth=1):
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=editors, page=root, permission=_permission(apps, f"wagtailcore.{codename}")
            )
    for root in Collection.objects.filter(depth=1):
        for dotted in EDITOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=editors, collection=root, permission=_permission(apps, dotted)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0006_formstate"),
        ("core", "0003_content_version"),
        ("news", "0001_initial"),
        ("events", "0001_initial"),
        ("mobility", "0004_review_criterion_scores"),
        ("advising", "0001_initial"),
        ("partners", "0003_agreement_document_is_pdf"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
