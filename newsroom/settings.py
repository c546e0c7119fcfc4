"""Newsroom settings, read from the environment.

Development needs nothing set: SQLite in the project folder, debug on. Production sets
DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and usually DATABASE_URL and REDIS_URL.
Every variable is listed in README.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.text import MAX_BLOCKS, MAX_BYLINES, MAX_PHOTOS

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Only ever used with debug on, on a developer's machine.
    SECRET_KEY = "django-insecure-development-only-newsroom-key-not-for-production-use"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "django_filters",
    "simple_history",
    "newsroom.apps.LoginProtectionConfig",  # django-axes
    # Background jobs' queue (newsroom/jobs.py); before the project's app, whose admin hides its
    # English table of queue rows: editors follow a job on its Job row.
    "django_tasks",
    "newsroom.apps.TaskQueueConfig",  # django-tasks-db
    "newsroom.apps.NewsroomConfig",
    "editions",
    "articles",
    "importer",
    "newsroom.pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.replicas.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.language.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "newsroom.context_processors.site_links",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"


# Database: DATABASE_URL, or an SQLite file in the project.
def _database(url):
    database = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.postgresql":
        # Parameters bound by the server, so psycopg prepares a query run again on the same
        # (persistent) connection: PostgreSQL then plans a page's queries once, not on every
        # request. Planning the joins of a page's articles took longer than running them.
        # Behind a pooler in transaction mode (PgBouncer without prepared-statement support), set
        # DATABASE_PREPARE_THRESHOLD to an empty value to turn preparing off.
        threshold = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5").strip()
        if threshold and not threshold.isdigit():
            raise ImproperlyConfigured(
                "DATABASE_PREPARE_THRESHOLD must be a whole number of runs, or empty to turn preparing off."
            )
        database.setdefault("OPTIONS", {}).update(
            server_side_binding=env_bool("DATABASE_SERVER_SIDE_BINDING", True),
            prepare_threshold=int(threshold) if threshold else None,
            # A database host that does not answer fails a request (and the readiness check,
            # /healthz/?ready=1) in seconds instead of holding a worker for minutes.
            connect_timeout=int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
        )
        # PostgreSQL's default random_page_cost (4) assumes spinning disks: with it, ranking a
        # search's 200 candidates hashed every page of the archive (15 ms over ten years) instead
        # of looking up 200 of them (under 1 ms). 1.1 suits SSDs and a database held in memory.
        # Empty leaves the server's setting (behind PgBouncer, which refuses startup options: set
        # it with ALTER DATABASE … SET random_page_cost instead).
        page_cost = os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1").strip()
        if page_cost:
            try:
                float(page_cost)
            except ValueError:
                raise ImproperlyConfigured(
                    "DATABASE_RANDOM_PAGE_COST must be a number (1.1 for SSDs), "
                    "or empty to keep the server's."
                ) from None
            database["OPTIONS"]["options"] = f"-c random_page_cost={page_cost}"
    elif database["ENGINE"] == "django.db.backends.sqlite3":
        # Persistent connections buy nothing on SQLite; WAL lets readers go on during an import.
        database["CONN_MAX_AGE"] = 0
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return database


DATABASES = {"default": _database(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

# Read replicas of a PostgreSQL primary (comma-separated URLs): readers' pages read from them,
# everything else from the primary (newsroom/replicas.py). Tests read the primary in their place.
NEWSROOM_READ_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    replica = _database(url)
    postgresql = "django.db.backends.postgresql"
    if replica["ENGINE"] != postgresql or DATABASES["default"]["ENGINE"] != postgresql:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS are read replicas of a PostgreSQL DATABASE_URL (postgres://…)."
        )
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{number}"] = replica
    NEWSROOM_READ_REPLICAS.append(f"replica{number}")
if NEWSROOM_READ_REPLICAS:
    DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"]
# Seconds a change may take to reach every replica: pages built on a replica are not cached for
# that long after a change to what they show.
NEWSROOM_REPLICA_LAG_SECONDS = int(os.environ.get("NEWSROOM_REPLICA_LAG_SECONDS", "5"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the newsroom works in Chinese; English is available.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as the paper prints them in Chinese; Django's own formats in English.
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static files and uploads.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # Files written whole or not at all (a full disk leaves no half-written file behind).
    "default": {"BACKEND": "newsroom.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads in an S3-compatible bucket (django-storages) instead of MEDIA_ROOT, so that several app
# servers share them. Credentials come from boto3's usual places (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or the machine's role).
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "").strip()
# Where images come from when that is not this site (Content-Security-Policy's img-src).
MEDIA_ORIGINS = []
if MEDIA_S3_BUCKET:
    try:
        import storages.backends.s3  # noqa: F401
    except ImportError:
        raise ImproperlyConfigured(
            "MEDIA_S3_BUCKET needs django-storages and boto3: pip install -e '.[s3]'"
        ) from None
    media_domain = os.environ.get("MEDIA_S3_CUSTOM_DOMAIN", "").strip().strip("/")
    media_endpoint = os.environ.get("MEDIA_S3_ENDPOINT_URL", "").strip() or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": media_endpoint,
            "region_name": os.environ.get("MEDIA_S3_REGION", "").strip() or None,
            # Served from this domain (a CDN, or the bucket's own), as plain permanent URLs that
            # browsers and the CDN can cache: no signed, expiring query strings.
            "custom_domain": media_domain or None,
            "querystring_auth": False,
            # An upload never replaces another file that has the same name.
            "file_overwrite": False,
        },
    }
    if media_domain:
        # Photo paths in edition JSON are written under MEDIA_URL (importer.core).
        MEDIA_URL = f"https://{media_domain}/"
    MEDIA_ORIGINS = [
        f"https://{media_domain}" if media_domain else media_endpoint or "https://*.amazonaws.com"
    ]
# Uploads: page dumps and photos. Larger bodies are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644
# The article form posts every part of the article back, up to 7 fields a paragraph, byline or
# photo: Django's 1,000 refused the save of an article of 150 paragraphs (a 400 page, the editor's
# change lost). Enough for an article at every count the importer lets in (newsroom.text).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 7 * (MAX_BLOCKS + MAX_BYLINES + MAX_PHOTOS) + 1000

# Cache: Redis when REDIS_URL is set (shared by every app server), else files in the project
# (NEWSROOM_CACHE_DIR), shared by every process on this machine: the server's workers, and the
# commands that publish, import or purge. A per-process memory cache would leave the server
# showing the old edition after a command had "purged" it.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.NewsroomRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            # Redis gone or unreachable: fail fast, and pages are served uncached
            # (newsroom.pagecache) rather than every request waiting on it.
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "2")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("NEWSROOM_CACHE_DIR") or str(BASE_DIR / "cache"),
            # Pages of a few editions, their tokens and the scheduled-publication marks.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Background jobs (newsroom/jobs.py): long work (tuning the importer, scoring an edition,
# reading PDFs) never runs in a request. NEWSROOM_JOBS chooses where jobs run: "database" (the
# default: queued in the database by django-tasks-db, run by `manage.py db_worker`, no broker),
# "celery" (the default when CELERY_BROKER_URL is set: Redis or RabbitMQ, `celery -A
# newsroom.celery worker`) or "immediate" (in the calling process, as the tests have it).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
NEWSROOM_JOBS = os.environ.get("NEWSROOM_JOBS", "").strip() or ("celery" if CELERY_BROKER_URL else "database")
if NEWSROOM_JOBS not in {"database", "celery", "immediate"}:
    raise ImproperlyConfigured("NEWSROOM_JOBS must be database, celery or immediate.")
if NEWSROOM_JOBS == "celery" and not CELERY_BROKER_URL:
    raise ImproperlyConfigured("NEWSROOM_JOBS=celery needs CELERY_BROKER_URL (redis://… or amqp://…).")
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
CELERY_TASK_ACKS_LATE = True  # a job whose worker died is run again, not lost
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # jobs are long: one at a time per worker process
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Seconds a published page may be cached (by the site and by a CDN in front of it).
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "300"))

# The paper this installation prints first; created on first use by the importer.
NEWSROOM_DEFAULT_PUBLICATION = {
    "slug": os.environ.get("NEWSROOM_PUBLICATION_SLUG", "zhuzhou-daily"),
    "name": os.environ.get("NEWSROOM_PUBLICATION_NAME", "株洲日报"),
    "dateline": os.environ.get("NEWSROOM_PUBLICATION_DATELINE", "株洲日报讯"),
}

# The admin lives under a configurable path, so it is not where every scanner looks first.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

LOGIN_URL = "admin:login"

# Login throttling (django-axes): lock an account and address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Security headers. HTTPS settings are on by default with debug off and can be turned off
# behind a proxy that terminates TLS elsewhere.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp 4): no inline script anywhere; the admin's own inline
# styles need 'unsafe-inline' for styles only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own "django" logger printed to the console in debug and passed its records on
        # to the root, which printed them again: every line twice. It only passes them on now.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # The dev server's request lines, once, as Django prints them.
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
