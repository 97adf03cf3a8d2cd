"""The Redis cache reuses one redis-py client per connection pool instead of building one per operation."""
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from core.cache_backends import RedisCache


def test_every_operation_goes_through_the_same_client_and_pool():
    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    assert isinstance(cache, DjangoRedisCache)  # what the deploy check and the throttles recognise
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is client and cache._cache.get_client(write=True) is client
    assert client.connection_pool is cache._cache._get_connection_pool(write=True)
