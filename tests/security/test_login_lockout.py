"""Issue 13, item 8: five wrong passwords lock the user name for the cool-off (django-axes),
the right password then does not log in, the page says why in Chinese, and every failure is
logged; after the cool-off the right password works again."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.test import Client

from ..conftest import DEMO_PASSWORD


def _login(client: Client, password: str, username: str = "inspector.xm", url: str = "/accounts/login/"):
    return client.post(url, {"username": username, "password": password})


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_wrong_passwords_lock_the_account_and_say_so(demo, caplog):
    client = Client(REMOTE_ADDR="203.0.113.9")
    with caplog.at_level(logging.INFO):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            r = _login(client, "wrong-password")
            assert r.status_code == 200 and "用户名或密码不正确" in r.content.decode()
        r = _login(client, "wrong-password")  # the last try allowed: refused, and the lock begins
        assert r.status_code == 429 and "已被暂时锁定" in r.content.decode()
    assert AccessFailureLog.objects.filter(username="inspector.xm").count() == settings.AXES_FAILURE_LIMIT
    assert sum("inspector.xm" in rec.getMessage() for rec in caplog.records if rec.name.startswith("axes")) >= 5

    r = _login(client, DEMO_PASSWORD)
    assert r.status_code == 429
    assert "已被暂时锁定" in r.content.decode() and "15 分钟" in r.content.decode()
    assert not _signed_in(client)
    # another address does not get fresh tries
    assert _login(Client(REMOTE_ADDR="198.51.100.7"), DEMO_PASSWORD).status_code == 429
    # other users are not affected
    assert _login(Client(), DEMO_PASSWORD, username="inspector.fz").status_code == 302


@pytest.mark.django_db
def test_the_lock_ends_after_the_cooloff(demo):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong-password")
    assert _login(client, DEMO_PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME
                                 - dt.timedelta(minutes=1))
    assert _login(client, DEMO_PASSWORD).status_code == 302 and _signed_in(client)


@pytest.mark.django_db
def test_a_success_clears_earlier_failures(demo):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong-password")
    assert _login(client, DEMO_PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong-password")
    assert _login(client, DEMO_PASSWORD).status_code == 302
