"""Production: secrets and hosts from the environment, HTTPS everywhere.

``SECRET_KEY`` must be set; ``manage.py check --deploy`` is clean under these settings.
"""

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_list, os

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production / 生产环境必须设置 SECRET_KEY")
# Refuse to start on a weak key, by the measure of Django's own deploy check (security.W009),
# which only warns: sessions, CSRF tokens and password-reset links are signed with it.
if (len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH  # noqa: F405
        or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS  # noqa: F405
        or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)):  # noqa: F405
    raise ImproperlyConfigured(
        f"生产环境的 SECRET_KEY 太弱：至少 {SECRET_KEY_MIN_LENGTH} 个字符、{SECRET_KEY_MIN_UNIQUE_CHARACTERS} 种不同字符，"
        f"且不以 {SECRET_KEY_INSECURE_PREFIX} 开头 / SECRET_KEY is weak: use at least {SECRET_KEY_MIN_LENGTH} "
        f"characters, {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones, not starting with "
        f"{SECRET_KEY_INSECURE_PREFIX} (python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 8 * 3600
