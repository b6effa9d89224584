"""Issue 13 item 1: a city leader must not act on the province's documents. The role check
alone let ``leader.fz`` (领导 of 福州) repeal the department's filed documents with a POST;
the kernel checks the organisation too. Tested as a browser would: CSRF enforced."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from renshe.normdocs.models import NormativeDocument
from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.models import AuditRecord
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(demo):
    division = Organisation.objects.get(code="350000-fgc")
    return NormativeDocument.objects.create(
        title="关于规范劳动用工管理的通知", number="闽人社规〔2024〕3号", drafting_division=division, status="filed",
        published_on=dt.date(2024, 3, 1), effective_from=dt.date(2024, 4, 1), valid_until=dt.date(2029, 3, 31),
    )


def _client(username: str) -> tuple[Client, str]:
    c = Client(enforce_csrf_checks=True)
    assert c.login(username=username, password=DEMO_PASSWORD)
    c.get("/normdocs/")
    return c, c.cookies["csrftoken"].value


def test_a_city_leader_cannot_repeal_the_departments_document(filed):
    c, token = _client("leader.fz")
    page = c.get(f"/normdocs/{filed.pk}/")
    assert page.status_code == 200 and "清理：废止" not in page.content.decode()  # not offered
    n = AuditRecord.objects.count()
    r = c.post(f"/normdocs/{filed.pk}/repeal/", {"repeal-year": "2026", "repeal-reason": "上位法已修改"},
               HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 403
    filed.refresh_from_db()
    assert filed.status == "filed" and not filed.cleanups.exists() and AuditRecord.objects.count() == n


def test_the_departments_leader_can(filed):
    c, token = _client("leader")
    assert "清理：废止" in c.get(f"/normdocs/{filed.pk}/").content.decode()
    r = c.post(f"/normdocs/{filed.pk}/repeal/", {"repeal-year": "2026", "repeal-reason": "上位法已修改"},
               HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 302
    filed.refresh_from_db()
    assert filed.status == "repealed"


def test_the_documents_history_reads_as_chinese(filed):
    """Issue 18 item 8 on the register: the step, the state and the clean-up in words."""
    c, token = _client("leader")
    c.post(f"/normdocs/{filed.pk}/repeal/", {"repeal-year": "2026", "repeal-reason": "上位法已修改"},
           HTTP_X_CSRFTOKEN=token)
    text = re.sub(r"<[^>]+>", " ", c.get(f"/normdocs/{filed.pk}/").content.decode())
    history = text[text.index("办理记录"):]
    assert "清理：废止" in history and "已备案" in history and "已废止" in history and "国办发〔2018〕37号" in history
    assert "repealed" not in history and "repeal " not in history and "status" not in history
