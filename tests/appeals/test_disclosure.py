"""A disclosure application through completion, a third-party pause, an extension and the reply letter."""

import datetime as dt
import io
import subprocess
import zipfile

import pytest
from django.core.exceptions import PermissionDenied

from renshe.appeals import disclosure
from renshe.appeals.core import reply_letter
from renshe.appeals.models import DisclosureRequest
from renshe.platform.accounts.models import Organisation
from renshe.rules.errors import RulesError

D = dt.date
APP = {"applicant_kind": "natural", "applicant": "张三", "id_document": "身份证 350203199001011234",
       "contact": "13800000000", "description": "2024年厦门市工伤认定决定数量", "form": "电子邮件"}


@pytest.mark.django_db
def test_application_must_have_art_29_content(setup):
    with pytest.raises(RulesError) as e:
        disclosure.receive({**APP, "description": "", "form": ""}, Organisation.objects.get(code="350000"))
    assert "所需政府信息的名称、文号或特征性描述、获取信息的方式、途径：请填写" in e.value.problems[0].zh
    assert DisclosureRequest.objects.count() == 0


@pytest.mark.django_db
def test_completion_restarts_pause_and_extension(setup):
    legal, leader = setup["legal"], setup["leader"]
    r = disclosure.receive(APP, Organisation.objects.get(code="350000"), on=D(2025, 9, 26))
    assert r.reply_due == D(2025, 10, 30)  # 20 working days across National Day (tests/appeals/test_clocks.py)
    assert r.completion_due == D(2025, 10, 13)  # 7 working days: 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13
    r = disclosure.apply(r, "request_completion", legal, facts={"reason": "请写明所需信息的年份和地区"}, on=D(2025, 10, 9))
    assert r.state == "completion_requested" and r.reply_due is None
    r = disclosure.apply(r, "complete", legal, on=D(2025, 11, 3))
    assert r.reply_due == D(2025, 12, 1)  # 20 working days from the completed application (art. 30)
    r = disclosure.apply(r, "consult", legal, facts={"reason": "涉及第三方企业"}, on=D(2025, 11, 10))
    r = disclosure.apply(r, "consulted", legal, on=D(2025, 11, 14))
    # 11/10–11/14 = 5 working days not counted: 12/1 + 5 working days = 12/8
    assert r.reply_due == D(2025, 12, 8)
    with pytest.raises(PermissionDenied):  # the head approves an extension (art. 33 ¶2): the leader's step
        disclosure.apply(r, "extend", legal, facts={"reason": "数量较大", "approved_by": "办公室主任"})
    r = disclosure.apply(r, "extend", leader, facts={"reason": "数量较大", "approved_by": "办公室主任"})
    # extension of 20 working days from the original due date 12/8 (art. 33 ¶2): 12/9–12/12 4, 12/15–19 9,
    # 12/22–26 14, 12/29–31 17; 2026 New Year 1/1–1/3 off, 1/4 (Sunday) a make-up working day 18, 1/5 19, 1/6 20
    assert r.reply_due == D(2026, 1, 6)
    r = disclosure.apply(r, "reply", legal, facts={"outcome": "partial", "reply": "提供统计表，删去企业名称。"},
                         on=D(2025, 12, 30))
    assert r.state == "replied" and r.outcome == "partial"


def test_reply_letter_docx_and_pdf_read_back(tmp_path):
    letter = reply_letter.Letter("GK2025000007", "福建省人力资源和社会保障厅", "张三", D(2025, 3, 1),
                                 "2024年工伤认定统计", "refuse_third_party", "第三方书面表示不同意公开。", D(2025, 3, 20))
    pdf = tmp_path / "l.pdf"
    pdf.write_bytes(reply_letter.to_pdf(letter))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "政府信息公开申请答复书" in text and "第十五条、第三十二条" in text.replace("\n", "")
    with zipfile.ZipFile(io.BytesIO(reply_letter.to_docx(letter))) as z:
        xml = z.read("word/document.xml").decode()
        assert "第三方不同意公开且有合理理由" in xml and any(n.startswith("word/fonts/") for n in z.namelist())
