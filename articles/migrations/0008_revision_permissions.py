"""Desk chiefs (值班主任) change published articles at once and approve editors' changes to them;
editors (编辑) see their held changes. Site administrators hold every permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "编辑"
DESK_CHIEF = "值班主任"
SITE_ADMIN = "网站管理员"
GRANTS = {
    EDITOR: ["view_revision"],
    DESK_CHIEF: ["view_revision", "change_revision", "approve_article"],
    SITE_ADMIN: ["view_revision", "change_revision", "delete_revision", "add_revision", "approve_article"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after the last migration; the groups need them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            permissions = Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
            group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            permissions = Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_revisions"),
        ("editions", "0003_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
