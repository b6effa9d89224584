"""Fixtures: the demo organisations and accounts, and the demo 双随机 catalogue (厦门, 福州)."""

from __future__ import annotations

import io

import pytest

from renshe.platform.lawcalendar import overlay


@pytest.fixture(autouse=True)
def _calendar_from_files():
    """No holiday notice in the database: the calendar reads holidays/*.yaml and the package."""
    overlay.forget()
    yield
    overlay.forget()


@pytest.fixture
def catalogue(demo):
    from renshe.inspections import demo_load as inspections_demo

    inspections_demo.load(io.StringIO())
    return demo


@pytest.fixture
def csrf_client():
    from django.test import Client

    return Client(enforce_csrf_checks=True)


def login(client, user):
    client.force_login(user)
    return client
