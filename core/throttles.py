"""The API's rate limits as fixed-window counters: every limit that applies to a request is counted in one
round trip to the shared cache.

DRF's throttles keep a list of request times per limit and read then write it back, limit by limit: with
three limits, up to six round trips per request, and two processes reading the same list at once both
write it back with one request only. Here each limit is a counter per window (`INCR` then `EXPIRE`), all of
a request's counters in one Redis pipeline: atomic across processes and machines, and one round trip.

A fixed window lets a client that waited for a window's end send up to twice the rate across the boundary;
refused requests count too, so hammering does not free a slot sooner but the window's end always does.
The rates, scopes and identities (TRUSTED_PROXY_COUNT for the address) stay DRF's: these classes only
change how the counting is done, so the schema reads the same limits from them.
"""
from __future__ import annotations

import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework import throttling

# Counters outlive their window by this much, so a window's last request never finds its counter gone.
_EXPIRY_MARGIN = 5


class CounterThrottle(throttling.SimpleRateThrottle):
    """A DRF throttle (scope, rate, cache key) counted by `count_windows`, once per request for the view's
    counter throttles together."""

    def window(self, request, view) -> tuple[str, int, int] | None:
        """(cache key, allowed requests, window seconds), or None when this limit does not apply."""
        if self.rate is None:
            return None
        key = self.get_cache_key(request, view)
        if key is None:
            return None
        return key, self.num_requests, self.duration

    def allow_request(self, request, view):
        verdicts = getattr(request, "_counter_throttle_verdicts", None)
        if verdicts is None:
            verdicts = _verdicts(request, view)
            request._counter_throttle_verdicts = verdicts
        self._wait = None
        verdict = verdicts.get(type(self))
        if verdict is None:
            return True
        allowed, self._wait = verdict
        return allowed

    def wait(self):
        return self._wait


class AnonRateThrottle(CounterThrottle, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(CounterThrottle, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(CounterThrottle, throttling.ScopedRateThrottle):
    def window(self, request, view):
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return None
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().window(request, view)


def _verdicts(request, view) -> dict[type, tuple[bool, float | None]]:
    """Per counter throttle class of the view: (allowed, seconds until its window ends when refused)."""
    now = time.time()
    windows = {}
    for throttle in view.get_throttles():
        if isinstance(throttle, CounterThrottle):
            window = throttle.window(request, view)
            if window is not None:
                windows[type(throttle)] = window
    if not windows:
        return {}
    keys = {cls: f"{key}:{int(now // duration)}" for cls, (key, _limit, duration) in windows.items()}
    counts = count_windows({keys[cls]: duration for cls, (_key, _limit, duration) in windows.items()})
    verdicts = {}
    for cls, (_key, limit, duration) in windows.items():
        allowed = counts[keys[cls]] <= limit
        verdicts[cls] = (True, None) if allowed else (False, duration - now % duration)
    return verdicts


def count_windows(windows: dict[str, int]) -> dict[str, int]:
    """Add one to each window's counter ({key: window seconds}) and return the new counts; with Redis in
    one pipelined round trip."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        full_keys = {key: cache.make_and_validate_key(key) for key in windows}
        pipeline = cache._cache.get_client(write=True).pipeline(transaction=False)
        for key, seconds in windows.items():
            pipeline.incr(full_keys[key])
            pipeline.expire(full_keys[key], seconds + _EXPIRY_MARGIN)
        results = pipeline.execute()
        return {key: int(results[2 * index]) for index, key in enumerate(windows)}
    counts = {}
    for key, seconds in windows.items():
        cache.add(key, 0, seconds + _EXPIRY_MARGIN)
        try:
            counts[key] = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, seconds + _EXPIRY_MARGIN)
            counts[key] = 1
    return counts
