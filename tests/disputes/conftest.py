"""Fixtures for disputes: two city committees, a mediator and an arbitrator in Xiamen, an
arbitrator in Fuzhou, and a valid application."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from renshe.disputes import services
from renshe.platform.accounts.models import Organisation
from renshe.platform.accounts.roles import ROLES

#: GB 11643: body 35020319900307123, Σ a_i·W_i mod 11 = 6 → check character "6"
WORKER_ID = "350203199003071236"
EMPLOYER_CODE = "914403001922038216"


@pytest.fixture
def orgs(db):
    dept = Organisation.objects.create(code="350000", name="福建省人力资源和社会保障厅", kind="department", region="fujian")
    return {
        "dept": dept,
        "xm": Organisation.objects.create(code="350200", name="厦门市人力资源和社会保障局", kind="city", parent=dept,
                                          region="fujian.xiamen"),
        "fz": Organisation.objects.create(code="350100", name="福州市人力资源和社会保障局", kind="city", parent=dept,
                                          region="fujian.fuzhou"),
    }


def make_user(username: str, role: str | None, org: Organisation | None):
    user = get_user_model().objects.create_user(username, password="pw-for-tests-only", organisation=org)
    if role:
        user.groups.add(Group.objects.get(name=ROLES[role].name))
    return user


@pytest.fixture
def users(orgs):
    return {
        "mediator": make_user("mediator.xm", "mediator", orgs["xm"]),
        "arbitrator": make_user("arbitrator.xm", "arbitrator", orgs["xm"]),
        "arbitrator_fz": make_user("arbitrator.fz", "arbitrator", orgs["fz"]),
        "inspector": make_user("inspector.xm", "labour_inspector", orgs["xm"]),
    }


def pdf_file(name: str = "劳动合同.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def application(orgs, **over) -> services.Application:
    data = dict(
        organisation_id=orgs["xm"].pk,
        dispute_type="termination",
        applicant_name="陈小明",
        applicant_id_number=WORKER_ID,
        applicant_phone="13800138000",
        applicant_address="厦门市思明区湖滨南路1号",
        respondent_name="厦门海湾建材有限公司",
        respondent_credit_code=EMPLOYER_CODE,
        respondent_address="厦门市湖里区兴湖路2号",
        respondent_representative="林大海",
        facts="公司未签劳动合同，拖欠两个月工资后口头辞退我。",
        requested=["unpaid_wages", "double_wages", "damages"],
        statements={
            "hire": "2024-05-06", "end": "2026-01-31", "monthly_wage": "6000", "termination": "unlawful",
            "signed": "", "unpaid_wages": "2025-12 6000\n2026-01 6000",
        },
    )
    data.update(over)
    return services.Application(**data)


@pytest.fixture
def filed_case(orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.save_application(application(orgs), [pdf_file()], submit=True)
