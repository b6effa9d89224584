"""Shared fixtures. The database is real (SQLite by default, PostgreSQL with DATABASE_URL)."""

import io
import logging
import os

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.platform.settings.test")

#: The password every demo account gets in tests (through RENSHE_DEMO_PASSWORD).
DEMO_PASSWORD = "demo-Pass-2025"


@pytest.fixture
def demo(db, monkeypatch):
    """The demo organisations and one account per role, all with ``DEMO_PASSWORD``."""
    from renshe.platform.accounts import demo_load as demo_module
    from renshe.platform.accounts.models import User

    monkeypatch.setenv("RENSHE_DEMO_PASSWORD", DEMO_PASSWORD)
    demo_module.load(io.StringIO())
    return {u.username: u for u in User.objects.all()}


@pytest.fixture(scope="module")
def model():
    """A scripted OpenAI-compatible model on loopback (tests/fake_model.py) for the optional-model features."""
    from tests.fake_model import scripted_model

    with scripted_model() as script:
        yield script


# PySpark's py4j logs from object finalisers after pytest has closed its streams.
logging.getLogger("py4j").setLevel(logging.WARNING)
