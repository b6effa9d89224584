"""Tests: as dev, with fast password hashing and the queue run in-process."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

#: The test session's own var/: nothing a test writes (demo passwords, DuckDB stores, uploads)
#: lands in the developer's var/. A test that ran load_demo once overwrote var/demo-passwords.txt
#: with passwords of its throw-away database, and the demo logins of `scripts/dev serve` stopped
#: working.
TEST_VAR_DIR = Path(tempfile.mkdtemp(prefix="renshe-test-var-"))
atexit.register(shutil.rmtree, TEST_VAR_DIR, True)
VAR_DIR = TEST_VAR_DIR  # both: settings.VAR_DIR (the arrears store, its demo files) and RENSHE's
RENSHE = {**RENSHE, "VAR_DIR": TEST_VAR_DIR}  # noqa: F405
MEDIA_ROOT = TEST_VAR_DIR / "media"
