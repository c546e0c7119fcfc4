"""Django's Redis cache backend, with one Redis client per server kept for the process.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for every cache call
(sharing the connection pool). Building one fills its table of response callbacks, which cost a
cached page more than the round trip to Redis did. A `redis.Redis` client is safe to share between
threads: each command takes a connection from the pool.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class NewsroomRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
