"""The newsroom's roles as groups: 编辑 (editor), 值班主任 (desk chief), 网站管理员 (site administrator).

Editors edit everything in an edition and import, but cannot publish or delete editions, pages,
articles or contributors; desk chiefs can do all that; site administrators also manage users.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "编辑"
DESK_CHIEF = "值班主任"
SITE_ADMIN = "网站管理员"

# (app label, model): the actions an editor has on it.
EDITOR_PERMISSIONS = {
    ("editions", "publication"): ["view"],
    ("editions", "edition"): ["view", "add", "change", "import_edition"],
    ("editions", "page"): ["view", "add", "change"],
    ("articles", "article"): ["view", "add", "change"],
    ("articles", "block"): ["view", "add", "change", "delete"],
    ("articles", "byline"): ["view", "add", "change", "delete"],
    ("articles", "photo"): ["view", "add", "change", "delete"],
    ("articles", "correction"): ["view", "add", "change", "delete"],
    ("articles", "contributor"): ["view", "add", "change"],
    ("taggit", "tag"): ["view", "add", "change"],
}
DESK_CHIEF_EXTRA = {
    ("editions", "edition"): ["delete", "publish_edition"],
    ("editions", "page"): ["delete"],
    ("articles", "article"): ["delete"],
    ("articles", "contributor"): ["delete"],
    ("taggit", "tag"): ["delete"],
}


def codename(action, model):
    return action if "_" in action else f"{action}_{model}"


def create_groups(apps, schema_editor):
    # Permissions are normally created after the last migration; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(spec):
        found = []
        for (app_label, model), actions in spec.items():
            codenames = [codename(action, model) for action in actions]
            rows = list(
                Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
            missing = set(codenames) - {row.codename for row in rows}
            if missing:
                raise RuntimeError(f"permissions missing for the newsroom groups: {sorted(missing)}")
            found += rows
        return found

    editor_permissions = permissions(EDITOR_PERMISSIONS)
    Group.objects.get_or_create(name=EDITOR)[0].permissions.set(editor_permissions)
    chief = Group.objects.get_or_create(name=DESK_CHIEF)[0]
    chief.permissions.set(editor_permissions + permissions(DESK_CHIEF_EXTRA))
    Group.objects.get_or_create(name=SITE_ADMIN)[0].permissions.set(Permission.objects.all())


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, DESK_CHIEF, SITE_ADMIN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0002_edition_publish_and_import_permissions"),
        ("articles", "0003_history_of_article_parts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
