"""Settings come from the environment; each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

PRINT_DB = (
    "import django, json; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'debug': settings.DEBUG, "
    "'tz': settings.TIME_ZONE, 'lang': settings.LANGUAGE_CODE, 'max_age': db['CONN_MAX_AGE'], "
    "'options': db.get('OPTIONS', {})}))"
)


def run_settings(code=PRINT_DB, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def test_default_is_an_sqlite_file_in_the_project_with_debug_on():
    result = run_settings()
    assert result.returncode == 0, result.stderr
    conf = json.loads(result.stdout)
    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["name"] == str(ROOT / "db.sqlite3")
    assert conf["debug"] is True
    assert (conf["tz"], conf["lang"]) == ("Asia/Shanghai", "zh-hans")


def test_database_url_selects_postgresql_with_persistent_connections():
    result = run_settings(DATABASE_URL="postgres://editor:pw@db.example:5433/paper")
    assert result.returncode == 0, result.stderr
    conf = json.loads(result.stdout)
    assert conf["engine"] == "django.db.backends.postgresql"
    assert conf["name"] == "paper"
    assert conf["max_age"] > 0


def test_postgresql_queries_are_prepared_unless_a_pooler_needs_them_not_to_be():
    url = "postgres://editor:pw@db.example:5433/paper"
    conf = json.loads(run_settings(DATABASE_URL=url).stdout)
    assert conf["options"] == {
        "server_side_binding": True,
        "prepare_threshold": 5,
        "connect_timeout": 5,
        "options": "-c random_page_cost=1.1",
    }
    conf = json.loads(run_settings(DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD="").stdout)
    assert conf["options"]["prepare_threshold"] is None


def test_a_prepare_threshold_that_is_not_a_number_is_refused_in_one_line():
    result = run_settings(DATABASE_URL="postgres://db.example/paper", DATABASE_PREPARE_THRESHOLD="five")
    assert result.returncode != 0
    assert "DATABASE_PREPARE_THRESHOLD must be a whole number" in result.stderr


def test_random_page_cost_suits_ssds_unless_told_otherwise():
    url = "postgres://editor:pw@db.example:5433/paper"
    conf = json.loads(run_settings(DATABASE_URL=url, DATABASE_RANDOM_PAGE_COST="").stdout)
    assert "options" not in conf["options"]
    result = run_settings(DATABASE_URL=url, DATABASE_RANDOM_PAGE_COST="fast")
    assert result.returncode != 0
    assert "DATABASE_RANDOM_PAGE_COST must be a number" in result.stderr


def test_missing_secret_key_with_debug_off_is_refused():
    result = run_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_secret_key_from_environment_with_debug_off():
    result = run_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="news.example")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is False


def test_site_links_follow_the_script_prefix():
    from django.urls import get_script_prefix, set_script_prefix

    from newsroom.context_processors import site_links

    before = get_script_prefix()
    try:
        assert site_links(None)["site_links"]["search"] == "/search/"
        set_script_prefix("/paper/")  # served under a sub-path
        assert site_links(None)["site_links"] == {
            "front": "/paper/",
            "search": "/paper/search/",
            "feed_atom": "/paper/feeds/latest.atom",
            "feed_rss": "/paper/feeds/latest.rss",
        }
    finally:
        set_script_prefix(before)


PRINT_REPLICAS = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps({'replicas': settings.NEWSROOM_READ_REPLICAS, "
    "'routers': getattr(settings, 'DATABASE_ROUTERS', []), "
    "'hosts': {a: d['HOST'] for a, d in settings.DATABASES.items()}, "
    "'mirror': settings.DATABASES.get('replica1', {}).get('TEST', {}).get('MIRROR'), "
    "'options': settings.DATABASES.get('replica1', {}).get('OPTIONS', {})}))"
)


def test_replica_urls_become_replica_aliases_with_the_primary_s_settings():
    result = run_settings(
        DATABASE_URL="postgres://editor@primary.example/paper",
        DATABASE_REPLICA_URLS="postgres://reader@replica-a.example/paper, postgres://reader@replica-b.example/paper",
        code=PRINT_REPLICAS,
    )
    assert result.returncode == 0, result.stderr
    conf = json.loads(result.stdout)
    assert conf["replicas"] == ["replica1", "replica2"]
    assert conf["routers"] == ["newsroom.replicas.ReplicaRouter"]
    assert conf["hosts"] == {
        "default": "primary.example",
        "replica1": "replica-a.example",
        "replica2": "replica-b.example",
    }
    assert conf["mirror"] == "default"
    assert conf["options"]["options"] == "-c random_page_cost=1.1"


def test_no_replica_urls_means_no_router():
    result = run_settings(DATABASE_URL="postgres://editor@primary.example/paper", code=PRINT_REPLICAS)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["routers"] == []


def test_replicas_of_sqlite_are_refused_with_a_message():
    result = run_settings(
        DATABASE_REPLICA_URLS="postgres://reader@replica.example/paper", code=PRINT_REPLICAS
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS are read replicas of a PostgreSQL DATABASE_URL" in result.stderr


PRINT_MEDIA = (
    "import django, json; from django.conf import settings; django.setup(); "
    "from django.core.files.storage import storages; default_storage = storages['default']; "
    "from articles.models import Photo; "
    "photo = Photo(image='photos/2023/08/09/a.jpg', renditions_of='photos/2023/08/09/a.jpg'); "
    "print(json.dumps({'storage': type(default_storage).__name__, "
    "'url': default_storage.url('photos/2023/08/09/a.jpg'), 'srcset': photo.srcset, "
    "'media_url': settings.MEDIA_URL, 'bucket': default_storage.bucket_name, "
    "'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
    "'endpoint': default_storage.endpoint_url}))"
)


def test_a_media_bucket_puts_uploads_on_s3_with_plain_urls_on_its_domain():
    result = run_settings(
        MEDIA_S3_BUCKET="newsroom-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.com",
        MEDIA_S3_CUSTOM_DOMAIN="media.example.com",
        code=PRINT_MEDIA,
    )
    assert result.returncode == 0, result.stderr
    conf = json.loads(result.stdout)
    assert conf["storage"] == "S3Storage"
    assert (conf["bucket"], conf["endpoint"]) == ("newsroom-media", "https://s3.example.com")
    # Permanent URLs a CDN can cache: no signature in the query string.
    assert conf["url"] == "https://media.example.com/photos/2023/08/09/a.jpg"
    assert conf["srcset"].startswith("https://media.example.com/photos/2023/08/09/a.w400.webp 400w")
    assert conf["media_url"] == "https://media.example.com/"
    # Pages may show images from there.
    assert conf["img_src"] == ["'self'", "data:", "https://media.example.com"]


def test_without_a_media_bucket_uploads_stay_in_media_root():
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "from django.core.files.storage import FileSystemStorage, storages; "
        "print(isinstance(storages['default'], FileSystemStorage), settings.MEDIA_URL)"
    )
    result = run_settings(code=code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "/media/"]


def test_a_media_bucket_without_django_storages_is_refused_with_what_to_install():
    code = "import sys; sys.modules['storages'] = None; " + PRINT_MEDIA
    result = run_settings(MEDIA_S3_BUCKET="newsroom-media", code=code)
    assert result.returncode != 0
    assert "MEDIA_S3_BUCKET needs django-storages and boto3: pip install -e '.[s3]'" in result.stderr
