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
