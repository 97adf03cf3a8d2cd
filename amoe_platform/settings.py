"""Settings for AMOE match.

With no environment at all the project runs on embedded defaults: SQLite,
Celery tasks executed in-process and a per-process cache. DATABASE_URL switches
to PostgreSQL, REDIS_URL (or CELERY_BROKER_URL) to a real broker and workers,
REDIS_URL (or CACHE_URL) to a cache shared by every process.
DJANGO_ENV=production refuses to start without a real SECRET_KEY, and its deploy
check refuses a per-process cache (accounts/checks.py).
"""
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from amoe_platform.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = env_str("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY)
if PRODUCTION and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_ENV=production needs a real SECRET_KEY (50 characters or more) in the environment."
    )

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "core",
    "accounts",
    "profiles",
    "missions",
    "matching",
    "recruiting",
    "privacy",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "amoe_platform.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "amoe_platform.wsgi.application"
ASGI_APPLICATION = "amoe_platform.asgi.application"

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",  # Django's, with the session's account in the shared cache
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# The allauth sign-up is the freelancer sign-up: it also creates the FreelancerProfile.
ACCOUNT_ADAPTER = "profiles.signup.FreelancerAccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.FreelancerSignupForm"}
# allauth's rate limits (log-in failures included) stay at their defaults: on.

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Numbers in the user's locale: 1 250,00 € in French, €1,250.00 in English. Templates print ids and years
# through |unlocalize so that they never get a separator.
USE_THOUSAND_SEPARATOR = True
# English dates the British way (09/03/2026), like the English of the translations.
FORMAT_MODULE_PATH = ["core.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # WhiteNoise's and Django's, with each file's URL worked out once per process
        "BACKEND": "core.static_storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "core.static_storage.StaticFilesStorage"
    },
}
# Outside production, WhiteNoise serves straight from the finders: no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# CVs live outside MEDIA_ROOT: no URL serves them except a permission-checked view.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
CV_MAX_BYTES = 5 * 1024 * 1024

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "AMOE match <no-reply@amoe-match.example>")
# Links in e-mails sent by tasks, which have no request to take the host from.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

REST_FRAMEWORK = {
    # The REST API (amoe_platform/api_urls.py) authenticates with tokens only: no session, so no CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "amoe_platform.api_schema.ApiSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # Per token's user, per anonymous address, and stricter scopes for log-in and re-ranking; counted in one
    # round trip to the shared cache per request (core.throttles).
    "DEFAULT_THROTTLE_CLASSES": [
        "core.throttles.AnonRateThrottle",
        "core.throttles.UserRateThrottle",
        "core.throttles.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "60/min"),
        "user": env_str("API_THROTTLE_USER", "600/min"),
        "auth_token": env_str("API_THROTTLE_AUTH_TOKEN", "5/min"),  # per address
        "auth_token_account": env_str("API_THROTTLE_AUTH_TOKEN_ACCOUNT", "10/hour"),  # per e-mail posted
        "rank": env_str("API_THROTTLE_RANK", "30/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AMOE match API",
    "DESCRIPTION": (
        "Search freelance AMOE profiles, read the explained rankings of your organisation's missions and "
        "manage their shortlists. Get a token with POST /api/v1/auth/token/, then send "
        "`Authorization: Token <token>`. Labels, messages and ranking reasons follow Accept-Language (fr, en)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 2**63 - 1}},
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "CefrLevelEnum": "profiles.choices.CefrLevel",
        "WorkModeEnum": "profiles.choices.WorkMode",
        "MissionStatusEnum": "missions.models.Mission.Status",
        "ShortlistStatusEnum": "recruiting.models.ShortlistEntry.Status",
        "ImportanceEnum": "profiles.choices.Importance",
        "RoleEnum": "profiles.choices.Role",
        "DiplomaLevelEnum": "profiles.choices.DiplomaLevel",
        "ProficiencyEnum": "profiles.choices.Proficiency",
        "ScaleEnum": "profiles.choices.ProjectScale",
    },
}
# Days before an API token expires; 0 for tokens that never expire.
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90)

# Celery: without a broker URL, tasks run in-process so the app works alone.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 540)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A save must not hang when Redis is down: publishing gives up fast, the outbox
# keeps the request and the sweep enqueues it once the broker is back.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # Unacknowledged tasks of a worker that died are delivered again once they are this many seconds old: kombu
    # looks when a worker starts, then every 100 s (its check every 10 s acts one time in ten), so up to 100 s later.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
}
# Several saves of one profile or mission within this window lead to one re-ranking.
RANKING_DEBOUNCE_SECONDS = env_int("RANKING_DEBOUNCE_SECONDS", 5)
# Requests still pending after this long are enqueued again by the sweep.
RANKING_SWEEP_AFTER_SECONDS = env_int("RANKING_SWEEP_AFTER_SECONDS", 60)
# A nightly run still "running" after this long is taken as crashed and no longer blocks the next.
NIGHTLY_LOCK_EXPIRY_SECONDS = env_int("NIGHTLY_LOCK_EXPIRY_SECONDS", 6 * 3600)
NIGHTLY_CHUNK_SIZE = env_int("NIGHTLY_CHUNK_SIZE", 25)
NIGHTLY_RANKING_HOUR = env_int("NIGHTLY_RANKING_HOUR", 2)
NIGHTLY_RANKING_MINUTE = env_int("NIGHTLY_RANKING_MINUTE", 30)
CELERY_BEAT_SCHEDULE = {
    "rerank-every-open-mission-nightly": {
        "task": "matching.tasks.nightly_rerank_task",
        "schedule": crontab(hour=NIGHTLY_RANKING_HOUR, minute=NIGHTLY_RANKING_MINUTE),
    },
    "enqueue-ranking-requests-left-behind": {
        "task": "matching.tasks.sweep_ranking_requests_task",
        "schedule": env_int("RANKING_SWEEP_EVERY_SECONDS", 120),
    },
    "send-freelancer-daily-digests": {
        "task": "recruiting.tasks.send_freelancer_digests_task",
        "schedule": crontab(hour=7, minute=30),
    },
}

# Rate limits and throttles count per client address. TRUSTED_PROXY_COUNT is the number of proxies in front of
# the app that append to X-Forwarded-For: 0 ignores the header (a client could write anything in it) and
# counts REMOTE_ADDR; N counts the address the outermost of them saw, the Nth entry from the end. DRF's
# throttles read it as NUM_PROXIES; allauth's limits through the account adapter (accounts.adapter).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT

# Throttles, log-in limits and cached labels live in the cache: with Redis it is shared by every process and
# machine; without it each process counts alone (fine for one `runserver`, refused by the deploy check).
# Give the cache its own Redis database (CACHE_URL): clearing the cache empties the whole database.
CACHE_URL = env_str("CACHE_URL", REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "core.cache_backends.RedisCache", "LOCATION": CACHE_URL,
                    "KEY_PREFIX": "amoe", "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
# Sessions read from the shared cache (written through to the database, which stays the reference): a page
# costs no session query once the session is cached. A per-process cache would only add a write.
if CACHE_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Matching engine
RANKING_TOP_K = env_int("RANKING_TOP_K", 200)
# Seconds after which a process rebuilds its in-memory profile index whole.
RANKING_INDEX_MAX_AGE = env_int("RANKING_INDEX_MAX_AGE", 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Personal data never reaches the logs: e-mail addresses and phone numbers are masked.
    "filters": {"redact_personal_data": {"()": "core.logfilters.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["redact_personal_data"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Security headers, in every environment (so that development meets what production sends).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # the CV view alone allows SAMEORIGIN (side-by-side comparison)
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (core.middleware): no inline script and no eval anywhere; styles allow
# 'unsafe-inline' because templates set widths of score bars in style attributes, and the API's
# documentation pages (Swagger UI, Redoc) inject styles; Redoc runs a worker from a blob: URL.
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

if PRODUCTION:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    LANGUAGE_COOKIE_SAMESITE = "Lax"
