"""The pages as a browser uses them (CSRF enforced): file, track, rate; staff list, detail, steps;
city scoping; the KPI page and its Excel file; the import page; the API with a bearer token."""

import datetime as dt
import io
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

from renshe.appeals import steps
from renshe.appeals.models import Appeal
from renshe.platform.accounts.models import ApiToken
from tests.conftest import DEMO_PASSWORD


def _csrf(c: Client, url: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', c.get(url).content.decode()).group(1)


def _post(c: Client, url: str, data: dict, page: str | None = None):
    return c.post(url, {**data, "csrfmiddlewaretoken": _csrf(c, page or url)})


def _staff(username: str) -> Client:
    c = Client(enforce_csrf_checks=True)
    assert c.login(username=username, password=DEMO_PASSWORD)
    return c


@pytest.mark.django_db
def test_bad_input_is_refused_in_chinese_naming_the_field_and_nothing_is_saved(setup, wage):
    c = Client(enforce_csrf_checks=True)
    r = _post(c, "/appeals/new/", {**wage, "phone": "12345", "amount": "", "content": "太短"})
    html = r.content.decode()
    assert r.status_code == 200
    assert "联系电话：应为11位手机号或带区号的固定电话" in html
    assert "欠薪金额（元）：欠薪投诉请填写" in html
    assert "诉求内容：内容太短或为空（至少 10 个字）" in html
    assert 'value="某安置房项目"' in html  # what was typed is kept
    assert Appeal.objects.count() == 0


@pytest.mark.django_db
def test_file_track_with_masked_phone_and_rate(setup, wage):
    c = Client(enforce_csrf_checks=True)
    r = _post(c, "/appeals/new/", wage)
    assert r.status_code == 302
    a = Appeal.objects.get()
    assert a.channel == "mzq" and str(a.amount) == "36800.00"
    assert c.get(f"/appeals/track/?number={a.number}&phone=13900000000").content.decode().count("没有找到") == 1
    html = c.get(f"/appeals/track/?number={a.number}&phone={a.phone}").content.decode()
    assert "138****1111" in html and "13805921111" not in html and "已登记待受理" in html
    steps.apply(a, "accept", a.owner)
    steps.apply(a, "reply", a.owner, facts={"reply": "已督促用人单位支付"})
    html = c.get(f"/appeals/track/?number={a.number}&phone={a.phone}").content.decode()
    assert "已督促用人单位支付" in html and "评价本次办理" in html
    url = steps.rating_url(Appeal.objects.get())
    r = _post(c, url, {"satisfaction": "basic"})
    assert r.status_code == 302
    assert Appeal.objects.get().satisfaction == "basic" and Appeal.objects.get().state == "closed"


@pytest.mark.django_db
def test_staff_pages_are_scoped_by_city(setup, wage, client):
    c = Client(enforce_csrf_checks=True)
    _post(c, "/appeals/new/", wage)
    a = Appeal.objects.get()
    assert client.get("/appeals/").status_code == 302  # anonymous → login
    xm, fz = _staff("inspector.xm"), _staff("inspector.fz")
    assert a.number in xm.get("/appeals/").content.decode()
    assert a.number not in fz.get("/appeals/").content.decode()
    assert fz.get(f"/appeals/{a.pk}/").status_code == 404
    r = fz.post(f"/appeals/{a.pk}/step/", {"action": "accept"})
    assert r.status_code == 403  # no CSRF token from a page Fuzhou cannot open
    assert Appeal.objects.get().state == "registered"
    r = _post(xm, f"/appeals/{a.pk}/step/", {"action": "accept"}, page=f"/appeals/{a.pk}/")
    assert r.status_code == 302 and Appeal.objects.get().state == "accepted"
    r = _post(xm, f"/appeals/{a.pk}/step/", {"action": "reply", "reply": ""}, page=f"/appeals/{a.pk}/")
    assert "“答复”要求：答复内容" in xm.get(r.url).content.decode()
    assert fz.get("/appeals/kpi/").content.decode().count('id="received">0<') == 1


@pytest.mark.django_db
def test_kpi_page_shows_definitions_and_exports_excel(setup, wage):
    c = Client(enforce_csrf_checks=True)
    _post(c, "/appeals/new/", wage)
    leader = _staff("leader")
    year = dt.date.today().year
    html = leader.get(f"/appeals/kpi/?from={year}-01-01&to={year}-12-31&by=city").content.decode()
    assert "及时受理率 = 在受理（签收）期限内受理或告知的诉求件数" in html
    assert "厦门市" in html and 'id="received">1<' in html
    r = leader.get(f"/appeals/kpi/?from={year}-01-01&to={year}-12-31&by=city&export=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws.cell(1, 1).value == "分组" and ws.cell(2, 1).value == "合计" and ws.cell(2, 2).value == 1


@pytest.mark.django_db
def test_import_page_reports_rejects_and_is_idempotent(setup):
    from tests.appeals.test_import import workbook

    xm = _staff("inspector.xm")
    for expected in ("新导入 2 件；已在平台、未重复导入 0 件；未导入 2 行", "新导入 0 件；已在平台、未重复导入 2 件；未导入 2 行"):
        token = _csrf(xm, "/appeals/import/")
        r = xm.post("/appeals/import/", {"csrfmiddlewaretoken": token, "file": io.BytesIO(workbook())})
        assert expected in r.content.decode()
    r = xm.get("/appeals/import/?rejects=1")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws.max_row == 3


@pytest.mark.django_db
def test_api_intake_with_a_bearer_token_and_public_tracking(setup, wage):
    _, token = ApiToken.issue(setup["inspector.xm"], "12345 热线对接")
    c = Client()
    r = c.post("/api/v1/appeals/requests", {**wage, "channel": "12345", "amount": 36800},
               content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 201, r.content
    number = r.json()["number"]
    assert r.json()["phone"] == "138****1111"
    r = c.post("/api/v1/appeals/requests", {**wage, "channel": "12345", "phone": "1"},
               content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 422 and r.json()["problems"][0]["zh"].startswith("联系电话：")
    assert c.post("/api/v1/appeals/requests", {**wage, "channel": "12345"}, content_type="application/json"
                  ).status_code == 401
    assert c.get(f"/api/v1/appeals/requests/{number}?phone=13805921111").json()["state"] == "registered"
    assert c.get(f"/api/v1/appeals/requests/{number}?phone=13800000000").status_code == 404
    r = c.get("/api/v1/appeals/kpi?start=2020-01-01&end=2030-12-31&by=city", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.json()["total"]["received"] == 1 and "timely_acceptance" in r.json()["definitions"]


@pytest.mark.django_db
def test_disclosure_pages_letter_and_annual_report(setup):
    c = Client(enforce_csrf_checks=True)
    r = _post(c, "/appeals/disclosure/apply/", {"applicant_kind": "natural", "applicant": "张三", "id_document": "",
                                                 "contact": "", "description": "", "form": ""})
    assert "身份证明、联系方式、所需政府信息的名称、文号或特征性描述、获取信息的方式、途径：请填写" in r.content.decode()
    r = _post(c, "/appeals/disclosure/apply/", {"applicant_kind": "natural", "applicant": "张三",
                                                 "id_document": "身份证 350203199001011234", "contact": "13800000000",
                                                 "description": "2024年工伤认定统计", "form": "电子邮件"})
    assert r.status_code == 302
    from renshe.appeals.models import DisclosureRequest

    req = DisclosureRequest.objects.get()
    legal = _staff("legal")
    page = f"/appeals/disclosure/{req.pk}/"
    html = legal.get(page).content.decode()
    assert "身份证 350203********1234" in html and "350203199001011234" not in html  # masked, audit too
    _post(legal, f"{page}step/", {"action": "reply", "outcome": "disclose", "reply": "见附件。"}, page=page)
    req.refresh_from_db()
    from renshe.platform.lawcalendar.models import TrackedDeadline

    clock = TrackedDeadline.objects.get(object_id=str(req.pk), param="deadlines.disclosure")
    assert req.state == "replied" and req.clock is None and clock.is_open is False and clock.on_time is True
    assert req.reply_due == clock.due  # kept for the on-time figure
    assert legal.get(f"{page}letter.pdf")["Content-Type"] == "application/pdf"
    html = legal.get(f"/appeals/annual-report/?year={req.received_on.year}").content.decode()
    assert "一、本年新收政府信息公开申请数量" in html and "（一）予以公开" in html
    assert _staff("inspector.fz").get(page).status_code in (403, 404)
