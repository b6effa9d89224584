"""Settings shared by every environment."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parents[2]
REPO_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("RENSHE_VAR", REPO_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "renshe.platform.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_q",
    "axes",
    "ninja",
    "renshe.platform.accounts",
    "renshe.platform.audit",
    "renshe.platform.web",
    "renshe.knowledge",
    "renshe.platform.lawcalendar",
    "renshe.platform.workflow",
    "renshe.normdocs",
    "renshe.arrears.apps.ArrearsConfig",
    "renshe.planner",
    "renshe.planner.batchjobs",
    "renshe.appeals",
    "renshe.inspections",
    "renshe.disputes.apps.DisputesConfig",
]

MIDDLEWARE = [
    "renshe.platform.web.middleware.BodySizeMiddleware",  # first: before anything reads the body
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "renshe.platform.web.middleware.LazyMessageMiddleware",  # Django's, built on first use
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "renshe.platform.web.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "renshe.platform.urls"
WSGI_APPLICATION = "renshe.platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "platform" / "templates"],  # overrides of Django's own (the admin's greeting)
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renshe.platform.web.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'renshe.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Brute-force protection of the login (django-axes; renshe.platform.accounts.lockout says why
# the user name is what is locked).
AUTHENTICATION_BACKENDS = [
    "renshe.platform.accounts.lockout.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address among the parameters, lest rotating user agents or cookies
# bypass the limit; a lock on the user name alone is bypassed by neither, and one on the
# address would lock out every colleague behind the same proxy or office NAT.
# models.W040: the disputes dashboard's covering index (``include=``) is for PostgreSQL's
# index-only scan; on the embedded SQLite it is a plain index, which is all SQLite can do.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "models.W040"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "renshe.platform.accounts.lockout.locked_out"
AXES_VERBOSE = True  # each failure and lock-out logged (logger "axes")
AXES_SENSITIVE_PARAMETERS: list[str] = []  # the log names the user name and address tried: that is its use

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "platform" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "platform" / "static"]  # site.css and the vendored libraries
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Security defaults that hold in every environment.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag instead
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The durable task queue (django-q2, ORM broker: the same database, SQLite or PostgreSQL).
Q_CLUSTER = {
    "name": "renshe",
    "orm": "default",
    "workers": 2,
    "timeout": 3600,
    "retry": 3700,
    "catch_up": False,
    "label": "后台任务",
    # A queue worker is replaced by a fresh process after 20 tasks, or after any task that left
    # it above 512 MB resident (kilobytes): a large batch or import gives its memory back to the
    # machine instead of the worker keeping it (issue 13, item 6: 3.6 GB kept after one upload).
    "recycle": 20,
    "max_rss": 512 * 1024,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # django-axes logs a start-up banner ("AXES: BEGIN …") at INFO in every process, the CLI's
    # included, where it is noise on stderr; its failure and lock-out records still pass.
    "filters": {"no_axes_banner": {"()": "django.utils.log.CallbackFilter",
                                   "callback": lambda record: not str(record.msg).startswith("AXES: BEGIN")}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_axes_banner"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Request bodies: 2.5 MB for forms and JSON (Django's default, written out because
# BodySizeMiddleware answers 413 above it before reading), 21 MB for an upload (the largest
# file an upload takes, 20 MB for a planner batch, plus the form).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

RENSHE = {
    "UPLOAD_MAX_BYTES": 21 * 1024 * 1024,
    "LLM_URL": os.environ.get("RENSHE_LLM_URL", ""),
    "LLM_MODEL": os.environ.get("RENSHE_LLM_MODEL", "qwen"),
    "VAR_DIR": VAR_DIR,
}

# E-mail (the daily 待办 digest, renshe.platform.workflow.digest): printed on the console
# unless an SMTP server is configured with RENSHE_EMAIL_HOST.
EMAIL_HOST = os.environ.get("RENSHE_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("RENSHE_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("RENSHE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("RENSHE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("RENSHE_EMAIL_TLS", "1") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("RENSHE_EMAIL_FROM", "renshe@localhost")
#: the site's address, for links in e-mails
RENSHE_SITE_URL = os.environ.get("RENSHE_SITE_URL", "http://127.0.0.1:8000")
#: a case whose clock ends within this many days is listed as 即将到期 in the 待办 (a product setting)
RENSHE_TODO_SOON_DAYS = int(os.environ.get("RENSHE_TODO_SOON_DAYS", "3"))
