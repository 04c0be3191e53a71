"""Django's Redis cache, made to survive Redis being away.

The cache only ever speeds things up (registry answers, rate-limit counters, lists of reference
data): when Redis is stopped or unreachable, every read is a miss and every write is dropped,
with a warning in the log, so pages and the public registry still answer from the database.
Django's own backend would raise and turn each request into a 500.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


class ResilientRedisCacheClient(RedisCacheClient):
    def _guarded(self, operation: str, fallback, call, *args):
        try:
            return call(*args)
        except UNAVAILABLE as error:
            logger.warning("Cache unavailable during %s (%s): served without it", operation, error)
            return fallback

    def get(self, key, default):
        return self._guarded("get", default, super().get, key, default)

    def get_many(self, keys):
        return self._guarded("get_many", {}, super().get_many, keys)

    def has_key(self, key):
        return self._guarded("has_key", False, super().has_key, key)

    def add(self, key, value, timeout):
        return self._guarded("add", False, super().add, key, value, timeout)

    def set(self, key, value, timeout):
        return self._guarded("set", None, super().set, key, value, timeout)

    def set_many(self, data, timeout):
        return self._guarded("set_many", [], super().set_many, data, timeout)

    def touch(self, key, timeout):
        return self._guarded("touch", False, super().touch, key, timeout)

    def delete(self, key):
        return self._guarded("delete", False, super().delete, key)

    def delete_many(self, keys):
        return self._guarded("delete_many", None, super().delete_many, keys)

    def clear(self):
        return self._guarded("clear", False, super().clear)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
