"""The industry department an alert is copied to (《保障农民工工资支付条例》第七条第二款): it sees
those alerts and feeds back what it did; it cannot move the 人社 office's workflow."""

from __future__ import annotations

import pytest

from renshe.arrears import workflow
from renshe.arrears.core.alerts import TransitionError
from renshe.arrears.models import Alert
from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.models import AuditRecord

from .factories import warning
from .test_alert_pages import TUE, _client

pytestmark = pytest.mark.django_db

ALLOC_LOW = [{"code": "labour_cost_alloc_ratio", "title": "人工费用拨付率", "value": 0.2, "level": "red",
              "threshold": {"op": "<", "value": 0.5}}]


@pytest.fixture
def copied(people, store, monkeypatch):
    """Project 8's alert is copied to 厦门市住房和城乡建设局 (labour-cost allocation), project 7's is not."""
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(store))
    workflow.dispatch_warnings([warning(), warning(project_id=8, indicators=ALLOC_LOW)], store=store, on=TUE)
    return Alert.objects.get(project_id=7), Alert.objects.get(project_id=8)


@pytest.fixture
def housing(demo):
    return demo["housing.xm"]


def test_each_city_has_its_industry_departments(demo):
    xm = Organisation.objects.filter(kind="industry", code__startswith="350200-").values_list("name", flat=True)
    assert set(xm) == {"厦门市住房和城乡建设局", "厦门市交通运输局", "厦门市水利局"}
    assert Organisation.objects.filter(kind="industry").count() == 3 * Organisation.objects.filter(kind="city").count()


def test_sees_only_the_alerts_copied_to_it(client, housing, copied):
    plain, alloc = copied
    assert alloc.co_department == housing.organisation.name
    c = _client(client, housing)
    page = c.get("/arrears/alerts/").content.decode()
    assert "测试项目8" in page and "测试项目7" not in page
    assert c.get(f"/arrears/alerts/{plain.pk}/").status_code == 404
    detail = c.get(f"/arrears/alerts/{alloc.pk}/").content.decode()
    assert "本部门处理情况" in detail and f'action="/arrears/alerts/{alloc.pk}/feedback/"' in detail


def test_another_citys_department_sees_nothing(client, demo, copied):
    from .factories import user

    fz = user("housing.fz", "350100-zjj", "industry_department")
    page = _client(client, fz).get("/arrears/alerts/").content.decode()
    assert "测试项目8" not in page and "测试项目7" not in page


def test_feedback_is_recorded_and_changes_no_state(client, housing, copied):
    _, alloc = copied
    c = _client(client, housing)
    r = c.post(f"/arrears/alerts/{alloc.pk}/feedback/", {"feedback": "已约谈建设单位，责令5日内足额拨付人工费用"})
    assert r.status_code == 302
    alloc.refresh_from_db()
    assert alloc.state == "dispatched"
    rec = AuditRecord.objects.get(action="industry_feedback")
    assert rec.actor == housing and "厦门市住房和城乡建设局反馈" in rec.note and "责令5日内" in rec.note
    assert "责令5日内" in c.get(f"/arrears/alerts/{alloc.pk}/").content.decode()  # in the history


def test_empty_feedback_is_refused_with_a_reason(client, housing, copied):
    _, alloc = copied
    c = _client(client, housing)
    page = c.post(f"/arrears/alerts/{alloc.pk}/feedback/", {"feedback": "  "}, follow=True).content.decode()
    assert "请填写本部门的处理情况" in page
    assert not AuditRecord.objects.filter(action="industry_feedback").exists()
    with pytest.raises(TransitionError) as e:
        workflow.industry_feedback(alloc, "x" * 501, housing)
    assert e.value.problems[0].field == "feedback" and "500" in e.value.problems[0].en


def test_cannot_take_the_inspectors_steps(client, housing, copied, people):
    _, alloc = copied
    c = _client(client, housing)
    assert c.post(f"/arrears/alerts/{alloc.pk}/step/", {"action": "sign_for"}).status_code == 403
    assert c.post(f"/arrears/alerts/{alloc.pk}/evidence/", {}).status_code == 403
    alloc.refresh_from_db()
    assert alloc.state == "dispatched"
    # and an inspector cannot write the department's feedback
    assert _client(client, people["huli"]).post(f"/arrears/alerts/{alloc.pk}/feedback/", {"feedback": "x"}).status_code == 403
