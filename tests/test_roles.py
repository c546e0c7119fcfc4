"""tests/roles.py makes the roles again exactly as the migrations left them."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from tests.roles import GRANTS, ROLES, newsroom_group

ROOT = Path(__file__).resolve().parent.parent


def _grants():
    groups = Group.objects.all()
    return {group.name: set(group.permissions.values_list("codename", flat=True)) for group in groups}


@pytest.mark.django_db
def test_the_roles_made_again_hold_what_the_migrations_granted():
    migrated = _grants()
    Group.objects.all().delete()
    assert newsroom_group("值班主任").name == "值班主任"
    again = _grants()
    assert set(again) == set(migrated) == set(ROLES)
    assert again["编辑"] == migrated["编辑"]
    assert again["值班主任"] == migrated["值班主任"]
    # The site administrator holds every permission there is when the grant runs.
    assert again["网站管理员"] >= migrated["网站管理员"]


def test_every_migration_that_grants_the_groups_is_replayed():
    granting = {
        (path.parent.parent.name, path.stem)
        for path in ROOT.glob("*/migrations/0*.py")
        if '"auth", "Group"' in path.read_text(encoding="utf-8")
    }
    assert granting == set(GRANTS)
