from pathlib import Path

import pytest

from newsroom import seed

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SEED = seed.DUMP
CORPUS = FIXTURES / "corpus"


@pytest.fixture
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def corpus_dates():
    return sorted(path for path in CORPUS.iterdir() if path.is_dir())


@pytest.fixture(scope="session", autouse=True)
def _cache_folder_of_this_test_process(tmp_path_factory):
    """The cache in files, as `make run` has it, but in a folder of this test process's own: the
    project's would be shared with a running server, and xdist's workers would clear each
    other's pages."""
    from django.conf import settings
    from django.test import override_settings

    default = dict(settings.CACHES["default"])
    if not default["BACKEND"].endswith("FileBasedCache"):
        yield  # Redis, set from the environment: tests of it choose their own keys
        return
    default["LOCATION"] = str(tmp_path_factory.mktemp("cache"))
    with override_settings(CACHES={**settings.CACHES, "default": default}):
        yield


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings):
    """Background jobs run in the test's own process and transaction (newsroom/jobs.py); the
    tests of the queues choose theirs."""
    settings.NEWSROOM_JOBS = "immediate"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads in tests go to a temporary folder, never the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.com", "a-long-test-password-1")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
