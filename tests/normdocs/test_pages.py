"""Register pages and API: who may open them, the action buttons, the Excel export."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from renshe.normdocs.models import NormativeDocument
from renshe.platform.audit.service import history

pytestmark = pytest.mark.django_db
D = dt.date
PAGES = [
    "/normdocs/",
    "/normdocs/expiring/",
    "/normdocs/statistics/",
    "/normdocs/export.xlsx",
    "/normdocs/new/",
]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/login/?next={url}")


def test_anonymous_detail_and_action_redirect(client, make_doc):
    doc = make_doc("draft")
    assert client.get(f"/normdocs/{doc.pk}/").status_code == 302
    response = client.post(f"/normdocs/{doc.pk}/submit/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    doc.refresh_from_db()
    assert doc.status == "draft"


@pytest.mark.parametrize("url", PAGES)
def test_a_user_without_a_role_gets_403(client, users, url):
    client.force_login(users["nobody"])
    assert client.get(url).status_code == 403


def test_api_needs_login_and_a_role(client, users):
    assert client.get("/api/v1/normdocs/documents").status_code == 401
    client.force_login(users["nobody"])
    assert client.get("/api/v1/normdocs/statistics").status_code == 403


@pytest.mark.parametrize("role", ["division_staff", "legal_office", "leader", "administrator"])
def test_every_role_reads_the_register(client, users, make_doc, role):
    doc = make_doc("filed")
    user = {"division_staff": "staff", "legal_office": "legal", "leader": "leader", "administrator": "admin"}[
        role
    ]
    client.force_login(users[user])
    for url in ["/normdocs/", f"/normdocs/{doc.pk}/", "/normdocs/expiring/", "/normdocs/statistics/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<!doctype html>" in response.content.decode()
    assert client.get("/api/v1/normdocs/documents").json()[0]["number"] == "闽人社规〔2025〕1号"


def test_the_platforms_chinese_group_names_grant_the_role(client, users, make_doc):
    doc = make_doc("published")
    user = users["nobody"]
    user.groups.add(Group.objects.get_or_create(name="法规处")[0])
    client.force_login(user)
    response = client.get(f"/normdocs/{doc.pk}/")
    assert response.status_code == 200
    assert "报送备案" in response.content.decode()


def test_list_filters(client, users, make_doc, orgs):
    make_doc("filed", title="已备案文件", number="闽人社规〔2025〕1号")
    make_doc("draft", title="起草中文件")
    client.force_login(users["leader"])
    body = client.get("/normdocs/?status=filed").content.decode()
    assert "已备案文件" in body and "起草中文件" not in body
    body = client.get(f"/normdocs/?division={orgs['jcj'].pk}").content.decode()
    assert "已备案文件" not in body
    body = client.get("/normdocs/?year=2025&q=闽人社规").content.decode()
    assert "已备案文件" in body and "起草中文件" not in body
    # Valid until 2030-11-30: not within 30 days of today (the test runs before 2030-10).
    assert "已备案文件" not in client.get("/normdocs/?expiring=30").content.decode()
    # Nonsense filters are ignored, never an error.
    assert client.get("/normdocs/?status=x&division=abc&year=99999&expiring=-1").status_code == 200


def test_detail_shows_history_and_only_the_allowed_buttons(client, users, make_doc):
    doc = make_doc("under_review")
    client.force_login(users["legal"])
    body = client.get(f"/normdocs/{doc.pk}/").content.decode()
    assert "审核期限" in body and "2025年10月23日" in body
    # The limits cite their parameters, marked unverified where the source text was not read.
    assert "国办发〔2018〕115号" in body and "福建省人民政府令第219号" in body and "未核实" in body
    for label in ("审核通过", "退回修改", "不予通过"):
        assert f">{label}</button>" in body
    assert "审定通过</button>" not in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert not re.search(r"<script(?![^>]*\bsrc=)", body), "no inline script (the CSP forbids it)"
    client.force_login(users["staff"])
    body = client.get(f"/normdocs/{doc.pk}/").content.decode()
    assert "</button>" in body and "审核通过</button>" not in body


def test_posting_an_action_moves_the_document_and_records_it(client, users, make_doc):
    doc = make_doc("under_review")
    client.force_login(users["legal"])
    response = client.post(f"/normdocs/{doc.pk}/review_pass/", {"review_pass-opinion": "同意"})
    assert response.status_code == 302
    client.force_login(users["leader"])
    client.post(f"/normdocs/{doc.pk}/approve/", {"approve-note": "厅务会审议通过"})
    doc.refresh_from_db()
    assert doc.status == "approved"
    approval = history(doc).get(action="approve")
    assert approval.actor == users["leader"]
    assert approval.note == "审定通过（依据：国办发〔2018〕115号（行政规范性文件合法性审核）；集体审议决定）；厅务会审议通过"


def test_posting_a_forbidden_action_is_403_and_changes_nothing(client, users, make_doc):
    doc = make_doc("under_review")
    client.force_login(users["staff"])
    assert client.post(f"/normdocs/{doc.pk}/review_pass/", {"review_pass-opinion": "x"}).status_code == 403
    doc.refresh_from_db()
    assert doc.status == "under_review"


def test_a_wrong_state_or_missing_field_comes_back_as_a_message(client, users, make_doc):
    doc = make_doc("draft")
    client.force_login(users["legal"])
    data = {"file-filed_with": "福建省人民政府", "file-filed_on": "2025-11-10"}
    response = client.post(f"/normdocs/{doc.pk}/file/", data, follow=True)
    assert "只能在“已公布”状态下办理" in response.content.decode()
    doc = make_doc("under_review", title="另一", number="闽人社规〔2025〕7号")
    response = client.post(f"/normdocs/{doc.pk}/review_pass/", {}, follow=True)
    assert "审核意见" in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == "under_review"


def test_csrf_is_enforced(users, make_doc):
    from django.test import Client

    doc = make_doc("draft")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(users["staff"])
    assert csrf_client.post(f"/normdocs/{doc.pk}/submit/").status_code == 403
    doc.refresh_from_db()
    assert doc.status == "draft"


def test_staff_register_a_draft_for_their_division(client, users, orgs):
    client.force_login(users["staff"])
    assert client.get("/normdocs/new/").status_code == 200
    response = client.post(
        "/normdocs/new/",
        {"title": "福建省职业伤害保障试点经办规程（试行）", "drafting_division": orgs["ldgxc"].pk},
    )
    doc = NormativeDocument.objects.get()
    assert response["Location"] == f"/normdocs/{doc.pk}/"
    assert (doc.status, doc.created_by) == ("draft", users["staff"])
    response = client.post("/normdocs/new/", {"title": "别处的文件", "drafting_division": orgs["jcj"].pk})
    assert response.status_code == 200 and "只能为本处室起草文件" in response.content.decode()
    client.force_login(users["legal"])
    assert client.get("/normdocs/new/").status_code == 403


def test_excel_export_opens_with_openpyxl(client, users, make_doc):
    make_doc("filed", title="福建省人社领域行政执法裁量权基准", number="闽人社规〔2025〕5号")
    make_doc("draft", title="起草中")
    client.force_login(users["leader"])
    response = client.get("/normdocs/export.xlsx?status=filed")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("文号", "文件名称", "起草处室", "状态")
    assert len(rows) == 2
    number, title, division, status, published, effective, until = rows[1][:7]
    assert (number, title, division, status) == (
        "闽人社规〔2025〕5号",
        "福建省人社领域行政执法裁量权基准",
        "劳动关系处",
        "已备案",
    )
    assert (published.date(), until.date()) == (D(2025, 10, 20), D(2030, 11, 30))


def test_expiring_page_parameter_and_default(client, users, orgs):
    NormativeDocument.objects.create(
        title="很快到期",
        drafting_division=orgs["ldgxc"],
        status="filed",
        valid_until=dt.date.today() + dt.timedelta(days=10),
    )
    client.force_login(users["leader"])
    body = client.get("/normdocs/expiring/").content.decode()
    assert "很快到期" in body and "180 天" in body
    assert "很快到期" not in client.get("/normdocs/expiring/?days=5").content.decode()
    assert client.get("/normdocs/expiring/?days=abc").status_code == 200


def test_statistics_page_reads_like_the_report(client, users, make_doc):
    make_doc("filed")
    client.force_login(users["leader"])
    body = client.get("/normdocs/statistics/").content.decode()
    assert "2025年：完成合法性审核1件，备案1件，未作出清理决定。" in body


def test_a_draft_can_carry_an_attachment(client, users, orgs, settings, tmp_path):
    import io

    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(users["staff"])
    buf = io.BytesIO()
    docx.Document().save(buf)  # a real Word file: attachments are checked by content (core.uploads)
    upload = SimpleUploadedFile("征求意见稿.docx", buf.getvalue(), content_type="application/octet-stream")
    client.post(
        "/normdocs/new/",
        {"title": "带附件的草案", "drafting_division": orgs["ldgxc"].pk, "attachment": upload},
    )
    doc = NormativeDocument.objects.get()
    assert doc.attachment.name.startswith("normdocs/") and doc.attachment.read() == buf.getvalue()
    assert history(doc).get(action="create").after["attachment"] == doc.attachment.name
    assert "下载" in client.get(f"/normdocs/{doc.pk}/").content.decode()


def test_lapsed_documents_are_listed_for_clean_up(client, users, orgs):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    NormativeDocument.objects.create(
        title="已届满未清理", drafting_division=orgs["ldgxc"], status="filed", valid_until=yesterday
    )
    NormativeDocument.objects.create(
        title="已宣布失效", drafting_division=orgs["ldgxc"], status="expired", valid_until=yesterday
    )
    client.force_login(users["legal"])
    body = client.get("/normdocs/expiring/").content.decode()
    assert "已届满未清理" in body and "已宣布失效" not in body


def test_api_lists_statistics_and_refuses_bad_filters(client, users, make_doc):
    make_doc("filed")
    client.force_login(users["legal"])
    doc = client.get("/api/v1/normdocs/documents?status=filed&year=2025").json()[0]
    assert (doc["status"], doc["status_label"], doc["filing_due"], doc["valid_until"]) == (
        "filed",
        "已备案",
        "2025-11-19",
        "2030-11-30",
    )
    assert client.get("/api/v1/normdocs/documents?status=nonsense").status_code == 422
    assert client.get("/api/v1/normdocs/expiring?days=-1").status_code == 422
    assert client.get("/api/v1/normdocs/expiring?days=30").json() == []
    (year,) = client.get("/api/v1/normdocs/statistics").json()
    assert (year["year"], year["reviewed"], year["filed"], year["cleanup"]) == (2025, 1, 1, {})


def test_publish_form_states_the_validity_limits_from_the_parameters(client, users, make_doc):
    doc = make_doc("approved")
    client.force_login(users["staff"])
    body = client.get(f"/normdocs/{doc.pk}/").content.decode()
    assert "登记公布</button>" in body
    assert "一般不超过5年，名称标注“暂行”“试行”的不超过2年" in body


def test_pages_load_the_register_stylesheet(client, users):
    client.force_login(users["leader"])
    for url in ["/normdocs/", "/normdocs/expiring/", "/normdocs/statistics/"]:
        assert "normdocs/normdocs.css" in client.get(url).content.decode()
