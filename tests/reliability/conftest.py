"""What the outage tests share: the page cache's outage state reset around each test, a Redis
that is not there, and the seed page imported from its PDF and dump (an image, areas, the PDFs)."""

import socket
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from editions.models import Edition
from newsroom.pagecache import tokens
from tests.conftest import FIXTURES, SEED
from tests.importer import helpers as h

SEED_PDF = FIXTURES / "pdf" / "seed" / "01.pdf"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture(autouse=True)
def _cache_state():
    cache.clear()
    tokens._outage.update(retry_at=0.0, lost_bumps=False)
    yield
    tokens._outage.update(retry_at=0.0, lost_bumps=False)


@pytest.fixture
def redis_down(settings):
    """The cache pointed at a Redis that is not there, as production has it when Redis dies."""
    working = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.NewsroomRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield
    settings.CACHES = working


@pytest.fixture
def edition_with_pdf(tmp_path):
    """The seed page imported from its PDF and dump, published: an image, areas, the PDFs."""
    folder = tmp_path / "2023-08-09"
    folder.mkdir()
    (folder / "01.pdf").write_bytes(SEED_PDF.read_bytes())
    (folder / "01.txt").write_bytes(SEED.read_bytes())
    call_command("import_edition", str(folder), *h.publishing(), stdout=StringIO(), stderr=StringIO())
    return Edition.objects.get()
