"""The 待办: notifications to a user or an office, the page, the API (bearer token with no
cookie, session with CSRF), the daily digest e-mail and the schedule a fresh install gets."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.test import Client
from django_q.models import Schedule

from renshe.platform.accounts.models import ApiToken, Organisation
from renshe.platform.workflow import digest, inbox, notify
from renshe.platform.workflow.models import Notification
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


def test_notify_an_office_reaches_its_staff_once(demo):
    xm = demo["inspector.xm"]
    n1 = notify(xm.organisation, "规范性文件即将到期", "/normdocs/1/", module="规范性文件", key="expiry:1",
                due=dt.date(2026, 3, 4))
    n2 = notify(xm.organisation, "规范性文件即将到期", "/normdocs/1/", key="expiry:1")
    assert n1.pk == n2.pk and Notification.objects.count() == 1
    items = inbox.items_for(xm, TODAY)
    assert [(i.kind, i.title, i.days_left) for i in items] == [("notice", "规范性文件即将到期", 2)]
    assert inbox.items_for(demo["inspector.fz"], TODAY) == []  # another city's office


def test_todo_page_in_chinese_and_done_button(demo):
    leader = demo["leader"]
    n = notify(leader, "预警已升级至省厅督办", "/arrears/alerts/1/")
    c = Client(enforce_csrf_checks=True)
    assert c.get("/todo/").status_code == 302  # to the login page
    c.login(username="leader", password=DEMO_PASSWORD)
    page = c.get("/todo/").content.decode()
    assert "我的待办" in page and "预警已升级至省厅督办" in page and "标为已办" in page
    token = c.cookies["csrftoken"].value
    r = c.post(f"/todo/notifications/{n.pk}/done/", HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 302
    n.refresh_from_db()
    assert n.done_by == leader
    page = c.get("/todo/").content.decode()  # the message says it was done; the list no longer has it
    assert "已办结：预警已升级至省厅督办" in page and "没有需要办理的事项" in page


def test_api_with_a_bearer_token_and_no_cookie(demo):
    notify(demo["inspector.xm"], "补充材料", "/x/", due=dt.date(2099, 1, 1))
    _, token = ApiToken.issue(demo["inspector.xm"], "测试")
    r = Client(enforce_csrf_checks=True).get("/api/v1/todo", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 200
    body = r.json()
    assert body["items"][0]["title"] == "补充材料" and body["items"][0]["due"] == "2099-01-01"
    assert Client().get("/api/v1/todo").status_code == 401


def test_daily_digest_by_mail(demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    leader = demo["leader"]
    leader.email = "leader@example.gov.cn"
    leader.save()
    notify(leader, "年度清理：3件文件待处理", "/normdocs/")
    notify(Organisation.objects.get(code="350200"), "厦门的通知", "/")  # no one there has an e-mail
    assert digest.send_daily(TODAY) == 1
    [m] = mail.outbox
    assert m.to == ["leader@example.gov.cn"] and m.subject == "【待办】2026年3月2日：1项"
    assert "年度清理：3件文件待处理" in m.body and "/todo/" in m.body


def test_the_digest_is_scheduled_by_migration():
    s = Schedule.objects.get(name="workflow_daily_digest")
    assert (s.func, s.schedule_type) == ("renshe.platform.workflow.digest.send_daily", Schedule.DAILY)


def test_the_api_answers_a_refused_step_with_a_bilingual_403():
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from renshe.platform.api import api

    r = api.on_exception(RequestFactory().post("/api/v1/x"), PermissionDenied("“签收”须由劳动保障监察员办理 / 'sign_for' needs role"))
    assert r.status_code == 403
    body = json.loads(r.content)
    assert body["error"] == "forbidden" and body["problems"][0]["zh"].startswith("“签收”") and "needs role" in body["problems"][0]["en"]
