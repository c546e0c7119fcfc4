"""The newsroom's roles (编辑, 值班主任, 网站管理员) as the data migrations make them, made again after
a transactional test: its flush empties every table, and the migrations do not run again."""

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython

ROLES = ("编辑", "值班主任", "网站管理员")

# Every migration that grants the groups permissions, in the order they run.
GRANTS = (
    ("editions", "0003_newsroom_groups"),
    ("articles", "0008_revision_permissions"),
    ("importer", "0001_initial"),
    ("importer", "0002_edition_scores"),
)


def newsroom_group(name):
    """The group named, with the permissions the migrations give it."""
    if Group.objects.filter(name__in=ROLES).count() < len(ROLES):
        executor = MigrationExecutor(connection)
        state = executor.loader.project_state()
        for app_label, migration_name in GRANTS:
            migration = executor.loader.get_migration(app_label, migration_name)
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    # The grants write rows only (SQLite's schema editor cannot open inside a test).
                    operation.code(state.apps, None)
    return Group.objects.get(name=name)
