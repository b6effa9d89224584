"""Development: the embedded defaults (SQLite under var/), debug pages on."""

from .base import *  # noqa: F403
from .base import VAR_DIR, os

DEBUG = os.environ.get("DEBUG", "1") == "1"
if not SECRET_KEY:  # noqa: F405
    # A per-checkout key kept under var/ so sessions survive restarts; never used in production.
    _key_file = VAR_DIR / "dev-secret-key"
    if not _key_file.exists():
        import secrets

        _key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _key_file.read_text().strip()
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
