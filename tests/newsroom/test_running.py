"""What `make run` sets up: a cache every process shares, log lines printed once, and a proper
editor's login (issue 18). Settings cases run in a fresh interpreter, as in test_settings.py."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from tests.conftest import ROOT
from tests.newsroom.test_settings import run_settings

SET_AND_GET = (
    "import django, sys; django.setup(); from django.core.cache import cache; "
    "print(cache.get('shared') if sys.argv[1] == 'get' else cache.set('shared', 'from another process'))"
)


def test_without_redis_every_process_shares_one_cache(tmp_path):
    """A command's purge (publish_scheduled, import, publish) reaches the server's cached pages:
    the embedded cache is files in one folder, not a memory of each process."""
    code = "import django; from django.conf import settings; django.setup(); "
    code += "print(settings.CACHES['default'])"
    default = run_settings(code)
    assert "FileBasedCache" in default.stdout and str(ROOT / "cache") in default.stdout, default.stderr
    folder = str(tmp_path / "cache")
    setter = run_settings(SET_AND_GET.replace("sys.argv[1]", "'set'"), NEWSROOM_CACHE_DIR=folder)
    assert setter.returncode == 0, setter.stderr
    getter = run_settings(SET_AND_GET.replace("sys.argv[1]", "'get'"), NEWSROOM_CACHE_DIR=folder)
    assert getter.stdout.strip() == "from another process", getter.stderr
    redis = run_settings(code, REDIS_URL="redis://127.0.0.1:6379/0")
    assert "NewsroomRedisCache" in redis.stdout


def test_log_lines_are_printed_once():
    emit = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('Not Found: /favicon.ico'); "
        "logging.getLogger('django.server').info('GET / HTTP/1.1 200 5'); "
        "logging.getLogger('articles').warning('an app warning')"
    )
    result = run_settings(emit, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Not Found: /favicon.ico") == 1, result.stderr
    assert result.stderr.count("GET / HTTP/1.1 200 5") == 1, result.stderr
    assert result.stderr.count("an app warning") == 1, result.stderr


@pytest.mark.django_db
def test_create_editor_makes_a_staff_login_in_the_role_s_group(django_user_model, monkeypatch, client):
    monkeypatch.setenv("NEWSROOM_EDITOR_PASSWORD", "a-long-editor-password-7")
    call_command("create_editor", "wangli", "--name", "王丽", "--noinput")
    call_command("create_editor", "zhaoqiang", "--desk-chief", "--noinput")
    editor = django_user_model.objects.get(username="wangli")
    assert editor.is_staff and not editor.is_superuser and editor.first_name == "王丽"
    assert list(editor.groups.values_list("name", flat=True)) == ["编辑"]
    chief = django_user_model.objects.get(username="zhaoqiang")
    assert list(chief.groups.values_list("name", flat=True)) == ["值班主任"]
    assert chief.has_perm("editions.publish_edition") and not editor.has_perm("editions.publish_edition")
    # The login works in the admin's own form (staff status is what it asks for).
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "wangli", "password": "a-long-editor-password-7"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.django_db
def test_create_editor_refuses_what_it_cannot_do(django_user_model, monkeypatch):
    monkeypatch.setenv("NEWSROOM_EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_editor", "wangli", "--noinput")
    monkeypatch.setenv("NEWSROOM_EDITOR_PASSWORD", "a-long-editor-password-7")
    call_command("create_editor", "wangli", "--noinput", "--dry-run")
    assert not django_user_model.objects.exists()
    call_command("create_editor", "wangli", "--noinput")
    with pytest.raises(CommandError, match="already a login"):
        call_command("create_editor", "wangli", "--noinput")
    Group.objects.filter(name="值班主任").delete()
    with pytest.raises(CommandError, match="migrate"):
        call_command("create_editor", "zhao", "--desk-chief", "--noinput")
    monkeypatch.delenv("NEWSROOM_EDITOR_PASSWORD")
    with pytest.raises(CommandError, match="NEWSROOM_EDITOR_PASSWORD"):
        call_command("create_editor", "li", "--noinput")
