"""Staff and public pages, the import and the API, as a real client uses them."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest

from renshe.inspections import services
from renshe.inspections.models import Enterprise, InspectionItem, Inspector, Task
from renshe.platform.accounts.models import ApiToken
from tests.inspections.conftest import login

pytestmark = pytest.mark.django_db


def _csrf(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


def test_anonymous_staff_pages_redirect_and_the_public_page_opens(client, catalogue):
    for url in ["/inspections/", "/inspections/plans/new/", "/inspections/import/"]:
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    r = client.get("/inspections/results/")
    assert r.status_code == 200 and "双随机抽查结果公示" in r.content.decode()


def test_staff_draw_a_plan_through_the_page_with_csrf(csrf_client, catalogue):
    client = login(csrf_client, catalogue["inspector.xm"])
    token = _csrf(client, "/inspections/plans/new/")
    items = list(InspectionItem.objects.filter(code__in=["R06", "R02"]).values_list("pk", flat=True))
    data = {"title": "工资支付专项", "year": "2026", "items": items, "per_task": "2", "seed": "7",
            "sample_350200": "4", "csrfmiddlewaretoken": token}
    r = client.post("/inspections/plans/new/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    page = client.get(r["Location"]).content.decode()
    assert "工资支付专项" in page and "sha256:" in page
    assert Task.objects.filter(organisation__code="350200").count() == 4
    # without the token: refused, nothing drawn
    r = client.post("/inspections/plans/new/", {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"})
    assert r.status_code == 403 and Task.objects.count() == 4


def test_bad_plan_input_is_named_in_chinese_and_nothing_is_drawn(client, catalogue):
    login(client, catalogue["inspector.xm"])
    r = client.post("/inspections/plans/new/", {"title": "", "year": "2026", "per_task": "1", "sample_350200": "999",
                                                "items": [InspectionItem.objects.get(code="R06").pk]})
    page = r.content.decode()
    assert r.status_code == 200 and "计划名称：" in page and "每户执法人员数：" in page
    r = client.post("/inspections/plans/new/", {"title": "x", "year": "2026", "per_task": "2", "sample_350200": "999",
                                                "items": [InspectionItem.objects.get(code="R06").pk]})
    assert "符合条件" in r.content.decode()
    assert not Task.objects.exists()


def test_one_city_never_sees_anothers_tasks(client, catalogue):
    plan = services.draw_plan(catalogue["staff"], title="全省", year=2026, items=list(InspectionItem.objects.filter(code="R06")),
                              sample={"350200": 2, "350100": 2}, per_task=2, seed=3)
    xm = plan.tasks.get(organisation__code="350200", pk=plan.tasks.filter(organisation__code="350200").first().pk)
    login(client, catalogue["inspector.fz"])
    assert client.get(f"/inspections/tasks/{xm.pk}/").status_code == 404
    assert client.post(f"/inspections/tasks/{xm.pk}/publish/").status_code == 404
    page = client.get("/inspections/").content.decode()
    assert xm.enterprise.name not in page
    assert plan.tasks.filter(organisation__code="350100").first().enterprise.name in page


def test_checklist_publish_and_the_public_page(client, catalogue):
    inspector = catalogue["inspector.xm"]
    plan = services.draw_plan(catalogue["staff"], title="专项", year=2026, items=list(InspectionItem.objects.filter(code__in=["R06", "R02"])),
                              sample={"350200": 10}, per_task=2, seed=9)
    task = Task.objects.filter(plan=plan, inspectors__user=inspector).first()
    login(client, inspector)
    url = f"/inspections/tasks/{task.pk}/"
    r = client.post(url + "record/", {"inspected_on": "2026-11-02", "outcome_R06": "compliant"})
    assert "R02 劳动合同" not in r.content.decode()  # label check below
    assert "请为检查事项" in r.content.decode() or "这个字段是必填项" in r.content.decode()
    task.refresh_from_db()
    assert task.state == "scheduled"
    r = client.post(url + "record/", {"inspected_on": "2026-11-02", "outcome_R06": "compliant", "outcome_R02": "compliant",
                                     "summary": "台账齐全"})
    assert r.status_code == 302
    client.post(url + "publish/")
    task.refresh_from_db()
    assert task.state == "published" and task.published_on == dt.date.today()
    client.logout()
    page = client.get("/inspections/results/").content.decode()
    assert task.enterprise.name in page and "未发现问题" in page
    own = client.get("/inspections/results/", {"q": task.enterprise.credit_code}).content.decode()
    assert "本年已抽查" in own and task.enterprise.name in own
    assert "（演示）" not in page  # inspectors are not named publicly


def test_import_reports_every_bad_row_and_is_idempotent(client, catalogue):
    login(client, catalogue["inspector.xm"])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["统一社会信用代码", "单位名称", "设区市", "不纳入抽查", "人力资源服务机构"])
    ws.append(["9144030071526726XG", "甲公司", "厦门", "", "否"])
    ws.append(["91330100716105852F", "乙公司", "厦门市", "“无事不扰”免检清单", ""])
    ws.append(["913301007161058520", "丙公司", "厦门", "", ""])  # wrong check digit
    ws.append(["9144030071526726XG", "甲公司", "厦门", "", ""])  # repeat
    ws.append(["91350100M000100Y43", "丁公司", "福州", "", ""])  # not this city's staff's city
    buf = io.BytesIO()
    wb.save(buf)

    def upload():
        f = io.BytesIO(buf.getvalue())
        f.name = "register.xlsx"
        return client.post("/inspections/import/", {"kind": "enterprises", "file": f})

    page = upload().content.decode()
    assert "新增 2 行" in page
    for row, reason in [("4", "校验位不符"), ("5", "与第 2 行重复"), ("6", "管辖范围")]:
        assert f"<td>{row}</td>" in page and reason in page
    assert Enterprise.objects.get(credit_code="91330100716105852F").excluded == "exempt"
    assert "新增 0 行，更新 0 行，未变 2 行" in upload().content.decode()
    rejects = client.get("/inspections/import/rejects.csv").content.decode("utf-8-sig")
    assert rejects.splitlines() == ["行号,列,原因", "4,统一社会信用代码,不是有效的统一社会信用代码（18位，校验位不符）",
                                    "5,统一社会信用代码,与第 2 行重复", "6,设区市,不是本机关管辖范围内的设区市"]


def test_import_inspectors_csv_with_conflicts(client, catalogue):
    login(client, catalogue["inspector.xm"])
    code = Enterprise.objects.filter(organisation__code="350200").first().credit_code
    body = ("执法证号,姓名,设区市,持有行政执法证件,需回避企业\n"
            f"XM-9,赵六,厦门,是,{code}\nXM-10,钱七,厦门,也许,\nXM-11,孙八,厦门,否,NOPE\n").encode()
    f = io.BytesIO(body)
    f.name = "inspectors.csv"
    page = client.post("/inspections/import/", {"kind": "inspectors", "file": f}).content.decode()
    assert "新增 1 行" in page and "只能填写“是”或“否”" in page and "名录库中没有：NOPE" in page
    assert list(Inspector.objects.get(badge="XM-9").conflicts.values_list("credit_code", flat=True)) == [code]


def test_api_draw_with_a_bearer_token_and_refusals(client, catalogue):
    data = {"seed": 4, "items": [{"code": "A", "cap": 1}],
            "enterprises": [{"id": f"E{i}", "city": "厦门"} for i in range(5)],
            "inspectors": [{"id": "a", "city": "厦门"}, {"id": "b", "city": "厦门"}], "sample": {"厦门": 2}}
    url = "/api/v1/inspections/draw"
    assert client.post(url, json.dumps(data), content_type="application/json").status_code == 401
    _, token = ApiToken.issue(catalogue["inspector.xm"], "测试")
    r = client.post(url, json.dumps(data), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 200 and len(r.json()["tasks"]) == 2 and r.json()["digest"].startswith("sha256:")
    bad = client.post(url, json.dumps({**data, "per_task": 1}), content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {token}")
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "per_task"
    _, other = ApiToken.issue(catalogue["mediator.xm"], "测试")
    assert client.post(url, json.dumps(data), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 403


def test_the_legal_office_reads_but_does_not_draw(client, catalogue):
    login(client, catalogue["legal"])
    assert client.get("/inspections/").status_code == 200
    assert client.get("/inspections/plans/new/").status_code == 403
    assert client.get("/inspections/import/").status_code == 403


def test_import_items_with_their_caps(client, catalogue):
    login(client, catalogue["inspector.xm"])
    body = ("事项编码,检查事项,检查依据,年度上限,实施部门,涉及安全生产\n"
            "SJ01,用人单位安全生产标准化情况,《安全生产法》,2,应急管理局,是\n"
            "SJ02,缺上限,《某法》,两次,,\n").encode()
    f = io.BytesIO(body)
    f.name = "items.csv"
    page = client.post("/inspections/import/", {"kind": "items", "file": f}).content.decode()
    assert "新增 1 行" in page and "必须是非负整数" in page
    item = InspectionItem.objects.get(code="SJ01")
    assert (item.cap, item.department, item.safety) == (2, "应急管理局", True)
