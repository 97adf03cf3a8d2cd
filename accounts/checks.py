"""Deploy checks (`manage.py check --deploy`) for what the log-in protection needs."""
from django.conf import settings
from django.core.checks import Error, Tags, register

# Caches that every process and machine share; any other counts throttles and log-in limits per process,
# so that each worker added multiplies the tries an attacker gets.
SHARED_CACHE_BACKENDS = (
    "core.cache_backends.RedisCache",
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django.core.cache.backends.db.DatabaseCache",
)


@register(Tags.security, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if not settings.PRODUCTION or backend in SHARED_CACHE_BACKENDS:
        return []
    return [Error(
        f"The cache ({backend}) is not shared between processes: rate limits and throttles can be dodged.",
        hint="Set REDIS_URL (or CACHE_URL) to a Redis database.",
        id="amoe.E001",
    )]
