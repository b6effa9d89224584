"""Shared fixtures. The database is real (SQLite by default, PostgreSQL with DATABASE_URL)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.platform.settings.test")
