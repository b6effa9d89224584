"""Issue 13, item 13: production settings refuse to start with a weak SECRET_KEY (Django's
deploy check only warned)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _check(tmp_path, key: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "renshe.platform.settings.production", "SECRET_KEY": key,
           "RENSHE_VAR": str(tmp_path), "PYTHONPATH": str(REPO)}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("key", ["secret", "ab" * 40, "django-insecure-" + secrets.token_urlsafe(50)],
                         ids=["short", "few-characters", "insecure-prefix"])
def test_weak_secret_key_is_refused(tmp_path, key):
    done = _check(tmp_path, key)
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr and "太弱" in done.stderr


def test_strong_secret_key_starts(tmp_path):
    assert _check(tmp_path, secrets.token_urlsafe(50)).returncode == 0
