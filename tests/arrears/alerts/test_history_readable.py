"""Issue 18 item 8: the 办理记录 reads as Chinese sentences with field labels on every workflow
object — no raw codes (``sign_for``, ``ordered_to_pay``), no ``deadline_id 37→38``, no JSON, a
``warning_id`` left as it is (it read 「7年2025月10日」), and the basis of a closing cites law."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from renshe.arrears import workflow
from renshe.arrears.models import Alert
from renshe.platform.audit.models import AuditRecord

from .factories import warning

pytestmark = pytest.mark.django_db
TUE = dt.date(2025, 9, 30)


def _render(obj) -> str:
    return Template("{% load audit %}{% audit_history obj %}").render(Context({"obj": obj}))


def test_an_alerts_history_reads_as_chinese(people):
    workflow.dispatch_warnings([warning(level="red", project_id=7, month="2025-10")], on=TUE)
    a = Alert.objects.get()
    huli = people["huli"]
    a = workflow.transition(a, "sign_for", huli, on=dt.date(2025, 10, 9))
    a = workflow.transition(a, "verify", huli, finding="true", on=dt.date(2025, 10, 10))
    a = workflow.transition(a, "handle", huli, outcome="ordered_to_pay", on=dt.date(2025, 10, 13))
    workflow.attach_evidence(a, SimpleUploadedFile("凭证.pdf", b"%PDF-1.4 x", "application/pdf"), "代发凭证", huli)
    a = workflow.transition(a, "close", people["xm_leader"], on=dt.date(2025, 10, 20))
    workflow.escalate_overdue(dt.date(2026, 6, 1))  # closed: nothing escalates
    html = re.sub(r"<[^>]+>", " ", _render(a))  # what the reader sees, not the markup
    for shown in ("签收", "核实", "处置", "复核销号", "交办", "状态", "已签收", "核实结论", "属实", "处置方式",
                  "责令限期支付", "当前环节期限", "预警编号", "7-2025-10"):
        assert shown in html, shown
    for raw in ("sign_for", "ordered_to_pay", "deadline_id", "organisation_id", "{", "7年2025月10日",
                "ARREARS-REFERENCE", "2025-10-"):
        assert raw not in html.replace("7-2025-10", ""), raw
    close = AuditRecord.objects.get(action="close", object_id=str(a.pk), content_type__model="alert")
    assert "《劳动保障监察条例》第十八条" in close.note


def test_admin_shows_the_sentence_and_labels(people, client, django_user_model):
    workflow.dispatch_warnings([warning(level="red")], on=TUE)
    a = workflow.transition(Alert.objects.get(), "sign_for", people["huli"], on=dt.date(2025, 10, 9))
    rec = AuditRecord.objects.get(action="sign_for")
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    page = client.get(f"/admin/audit/auditrecord/{rec.pk}/change/").content.decode()
    assert re.search(r"\d{4}年\d+月\d+日 \d\d:\d\d，insp\.huli签收：签收（依据：", page)
    assert "已交办" in page and "已签收" in page and "sign_for" not in page.split("<title>")[1][:200]
    assert a.state == "signed_for"
