"""The Redis cache backend production uses (newsroom.cache): Django's, keeping its Redis client."""

import socket
import uuid

import pytest

from newsroom.cache import NewsroomRedisCache

REDIS = ("127.0.0.1", 6379)


def redis_running():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not redis_running(), reason="no Redis at 127.0.0.1:6379 (.ci/run starts one)")


@pytest.fixture
def redis_cache():
    cache = NewsroomRedisCache("redis://127.0.0.1:6379/7", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_stores_and_serves_pages_as_django_redis_cache_does(redis_cache):
    redis_cache.set("page", ("token", "<html>株洲日报</html>"), 60)
    assert redis_cache.get("page") == ("token", "<html>株洲日报</html>")
    assert redis_cache.add("page", "other", 60) is False
    redis_cache.set_many({"a": 1, "b": 2}, 60)
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    redis_cache.delete("a")
    assert redis_cache.get("a") is None


def test_one_client_serves_every_call(redis_cache):
    # Django's own backend builds a client per call; building one cost a cached page more than
    # the round trip to Redis.
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client
