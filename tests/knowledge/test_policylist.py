"""适用政策清单: case by case, each asserting the articles that must (and must not) be listed."""

import datetime as dt
import json

import pytest

from renshe.cli import main
from renshe.knowledge.core import export, policylist
from renshe.rules.errors import RulesError
from tests.documents.checks import assert_docx_embeds_chinese, assert_embeds_chinese

LCL, LCLR = "中华人民共和国劳动合同法", "中华人民共和国劳动合同法实施条例"
LDL, SIL = "中华人民共和国劳动争议调解仲裁法", "中华人民共和国社会保险法"
WIR, MWR = "工伤保险条例", "保障农民工工资支付条例"
LL, ALR = "中华人民共和国劳动法", "职工带薪年休假条例"
FJHR = "福建省人力资源市场条例"


def cites(profile: dict) -> set[tuple[str, int]]:
    return {(i["document"], i["article"]) for i in policylist.policy_list(profile)["items"]}


# (profile, must include, must not include)
PERSONS = [
    ({"tags": ["unpaid_wages"]}, {(LCL, 30), (LDL, 27), ("劳动保障监察条例", 26), (LCL, 38)}, {(MWR, 30)}),
    ({"tags": ["unpaid_wages", "construction_worker"]}, {(MWR, 30), (MWR, 36), (MWR, 50), (LCL, 30)}, set()),
    ({"tags": ["no_written_contract"]}, {(LCL, 10), (LCL, 82), (LCLR, 7)}, {(LCL, 47)}),
    (
        {"tags": ["dismissed"]},
        {(LCL, 46), (LCL, 47), (LCL, 87), (LCL, 50), (SIL, 45)},
        {("女职工劳动保护特别规定", 5)},
    ),
    ({"tags": ["dismissed"], "pregnant": True}, {(LCL, 42), ("女职工劳动保护特别规定", 5), (LCL, 87)}, set()),
    ({"tags": ["work_injury"]}, {(WIR, 17), (WIR, 14), (WIR, 33), (WIR, 23)}, {(SIL, 41), (WIR, 62)}),
    ({"tags": ["work_injury"], "employer_insured": False}, {(WIR, 17), (SIL, 41), (WIR, 62)}, set()),
    (
        {"tags": ["overtime"]},
        {(LL, 44), (LL, 41), ("最高人民法院关于审理劳动争议案件适用法律问题的解释（一）", 42)},
        set(),
    ),
    ({"tags": ["annual_leave"]}, {(ALR, 3), (ALR, 5)}, {(LL, 44)}),
    ({"tags": ["flexible_worker"]}, {(SIL, 10), (SIL, 23)}, {(LDL, 2)}),
    ({"tags": ["platform_worker"]}, {(SIL, 10), (SIL, 23), (LDL, 2)}, set()),
    ({"tags": ["construction_worker"]}, {(MWR, 28), (MWR, 31)}, {(MWR, 30)}),
    (
        {"tags": ["near_retirement"]},
        {("国务院关于渐进式延迟法定退休年龄的办法", 1), (SIL, 16), (LCL, 44), (LCL, 42)},
        set(),
    ),
]

ENTERPRISES = [
    (
        {"tags": ["construction_contractor"]},
        {(MWR, 26), (MWR, 32), (MWR, 28), (MWR, 30), (MWR, 31), (MWR, 15)},
        set(),
    ),
    (
        {"tags": ["hr_service_agency"]},
        {("人力资源市场暂行条例", 18), ("人力资源市场暂行条例", 26), (FJHR, 28), (FJHR, 37)},
        {(LCL, 57)},
    ),
    (
        {"tags": ["hr_service_agency"], "dispatch": True, "job_agency": True},
        {(LCL, 57), (LCL, 58), ("中华人民共和国就业促进法", 41)},
        set(),
    ),
    (
        {"tags": ["platform_employer"]},
        {(LCL, 7), (SIL, 58), (SIL, 33), ("中华人民共和国个人信息保护法", 13)},
        set(),
    ),
    (
        {"tags": ["small_business"]},
        {(LCL, 10), (SIL, 58), (SIL, 60), (LL, 48), ("中华人民共和国就业促进法", 17)},
        set(),
    ),
    (
        {"tags": ["hiring_graduates"]},
        {("中华人民共和国就业促进法", 3), (LCL, 19), (LCL, 20), (LCL, 9), (LCL, 10)},
        set(),
    ),
]


@pytest.mark.parametrize(("profile", "must", "must_not"), PERSONS)
def test_person_cases(profile, must, must_not):
    got = cites({"kind": "person", "region": "fujian", **profile})
    assert must <= got, must - got
    assert not (must_not & got)


@pytest.mark.parametrize(("profile", "must", "must_not"), ENTERPRISES)
def test_enterprise_cases(profile, must, must_not):
    got = cites({"kind": "enterprise", "region": "fujian", **profile})
    assert must <= got, must - got
    assert not (must_not & got)


def test_fujian_rule_follows_region_and_date():
    fj = ("福建省高质量充分就业促进条例", 3)
    assert fj in cites({"kind": "enterprise", "region": "fujian.xiamen", "tags": ["hiring_graduates"]})
    assert fj not in cites({"kind": "enterprise", "region": "national", "tags": ["hiring_graduates"]})
    # in force from 2026-01-01 only
    before = {"kind": "enterprise", "tags": ["hiring_graduates"], "as_of": "2025-12-31"}
    assert fj not in cites(before)
    agency = {"kind": "enterprise", "tags": ["hr_service_agency"]}
    assert (FJHR, 28) in cites({**agency, "region": "fujian"})
    assert (FJHR, 28) not in cites({**agency, "region": "national"})
    # 福建省人力资源市场条例 is in force from 2025-03-01
    assert (FJHR, 28) not in cites({**agency, "region": "fujian", "as_of": "2025-02-28"})


def test_every_item_is_complete_and_cited_once():
    result = policylist.policy_list({"kind": "person", "tags": ["dismissed", "near_retirement"]})
    keys = [(i["document"], i["article"]) for i in result["items"]]
    assert len(keys) == len(set(keys))
    lcl42 = next(i for i in result["items"] if (i["document"], i["article"]) == (LCL, 42))
    assert set(lcl42["matched"]) == {"dismissed", "near_retirement"}
    for i in result["items"]:
        assert i["title"] and i["why"] and i["text"]
        assert {"what", "where", "deadline", "bring"} <= set(i["next_step"])


def test_rules_cite_only_articles_in_the_corpus():
    policylist.rulebook.cache_clear()
    assert policylist.rulebook()["rules"]


def test_old_wording_on_an_old_date():
    result = policylist.policy_list(
        {"kind": "enterprise", "tags": ["hr_service_agency"], "dispatch": True, "as_of": "2012-01-01"}
    )
    art57 = next(i for i in result["items"] if (i["document"], i["article"]) == (LCL, 57))
    assert "五十万元" in art57["text"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "person", "tags": ["construction_contractor"]}, "tags"),
        ({"kind": "robot", "tags": []}, "kind"),
        ({"kind": "person", "tags": []}, "tags"),
        ({"kind": "person", "tags": ["overtime"], "region": "mars"}, "region"),
        ([], "(input)"),
    ],
)
def test_bad_profiles_name_the_field(payload, field):
    with pytest.raises(RulesError) as err:
        policylist.policy_list(payload)
    assert err.value.problems[0].field == field


def test_exports_pdf_and_docx_carry_the_chinese_text():
    result = policylist.policy_list({"kind": "person", "tags": ["work_injury"], "as_of": dt.date(2026, 3, 1)})
    assert_embeds_chinese(export.to_pdf(result), "适用政策清单", "工伤认定申请期限")
    assert_docx_embeds_chinese(export.to_docx(result), "适用政策清单", "工伤认定申请期限")


def test_cli_policy_list(tmp_path, capsys):
    src = tmp_path / "p.json"
    src.write_text(json.dumps({"kind": "person", "tags": ["no_written_contract"]}), encoding="utf-8")
    pdf, docx = tmp_path / "l.pdf", tmp_path / "l.docx"
    assert (
        main(["knowledge", "policy-list", "--input", str(src), "--pdf", str(pdf), "--docx", str(docx)]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert (LCL, 82) in {(i["document"], i["article"]) for i in out["items"]}
    assert pdf.read_bytes().startswith(b"%PDF") and docx.stat().st_size > 0
    src.write_text(json.dumps({"kind": "person", "tags": ["nope"]}), encoding="utf-8")
    assert main(["knowledge", "policy-list", "--input", str(src)]) == 2
    assert "tags" in capsys.readouterr().err


@pytest.mark.django_db
def test_api_and_page(client):
    r = client.post(
        "/api/v1/knowledge/policy-list",
        data=json.dumps({"kind": "enterprise", "tags": ["construction_contractor"]}),
        content_type="application/json",
    )
    assert r.status_code == 200
    assert (MWR, 26) in {(i["document"], i["article"]) for i in r.json()["items"]}
    r = client.post("/api/v1/knowledge/policy-list", data="{}", content_type="application/json")
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "kind"
    page = client.get("/knowledge/policy-list/", {"tags": ["dismissed"], "region": "fujian"})
    assert page.status_code == 200 and "/knowledge/doc/labour-contract-law/87/" in page.content.decode()
    # enterprise tags chosen with the default (person) radio still give the enterprise list
    page = client.get("/knowledge/policy-list/", {"tags": ["small_business"]})
    assert "/knowledge/doc/social-insurance-law/60/" in page.content.decode()
    pdf = client.get("/knowledge/policy-list/", {"tags": ["overtime"], "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get("/knowledge/policy-list/", {"tags": ["overtime"], "format": "docx"})
    assert docx.content[:2] == b"PK"
    assert client.get("/knowledge/policy-list/", {"tags": ["nope"]}).status_code == 422
