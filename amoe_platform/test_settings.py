"""Settings for the test suite: fast hashing, mail kept in memory, files in a temp folder."""
import tempfile
from pathlib import Path

from amoe_platform.settings import *  # noqa: F403
from core.translations import compile_translations

# The .mo files are git-ignored build output: compile them (only when a .po changed) before any test runs.
compile_translations()

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
_TMP = Path(tempfile.mkdtemp(prefix="amoe-tests-"))
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private"
# The suite drives tasks explicitly; a real broker is used only by the Celery integration tests.
CELERY_TASK_ALWAYS_EAGER = True
# Every test starts from an empty cache of its own, whatever REDIS_URL says (CI sets it for the workers);
# the tests of the shared cache start their own processes on Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
