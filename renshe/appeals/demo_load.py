"""Demo routing rules and desks (idempotent), and a small set of requests to click through.

The rules follow 属地管理、分级负责 (《信访工作条例》第二十二条第二项): most matters go to the HRSS
bureau of the city where they arose; pension questions to the department's 养老保险处, work
injury to its 工伤保险处. The year of ~300,000 requests for the KPI page and the benchmark is
a separate command (``renshe manage appeals_demo_year``), since it takes a while.
"""

from __future__ import annotations

import datetime as dt

from renshe.platform.accounts.models import Organisation, User

from .core.intake import validate
from .disclosure import receive
from .models import Appeal, CatalogueItem, Desk, DisclosureRequest, RoutingRule
from .services import register

RULES = [
    ("", "", "@city", "属地管理：设区市人社部门"),
    ("social_insurance", "350000", "350000-ylbxc", "养老保险政策：厅养老保险处"),
    ("work_injury", "350000", "350000-gsbxc", "工伤保险：厅工伤保险处"),
    ("wage_arrears", "", "@county", "欠薪投诉：属地县级人社部门劳动保障监察机构"),
]
#: office code → demo account that receives for it
DESKS = {"350000": "staff", "350200": "inspector.xm", "350100": "inspector.fz"}

#: a few entries of the 主动公开目录 (titles of the kind the department publishes; numbers illustrative)
CATALOGUE = [
    ("福建省人力资源和社会保障厅关于调整全省最低工资标准的通知（演示）", "normative", "闽人社规〔演示〕1号"),
    ("关于做好新就业形态人员职业伤害保障试点工作的政策解读（演示）", "policy", ""),
    ("福建省人力资源和社会保障厅部门预算（演示）", "finance", ""),
    ("劳动保障监察投诉举报办事指南（演示）", "service", ""),
]

SAMPLES = [
    ("12345", {"name": "陈明", "phone": "13905001234", "category": "social_insurance", "place": "350102",
               "content": "咨询灵活就业人员养老保险缴费档次如何调整，网上办理入口在哪里。"}),
    ("mzq", {"name": "林建华", "phone": "13805921111", "category": "wage_arrears", "place": "350206",
             "content": "在湖里区某安置房项目做木工三个月，工资一直没有结清。", "project": "湖里区某安置房项目",
             "employer": "某建筑劳务有限公司", "amount": "36800.00", "workers": 6}),
    ("letter", {"name": "黄秀英", "phone": "0591-87654321", "category": "work_injury", "place": "350104",
                "content": "丈夫在工地受伤，单位不申请工伤认定，请求帮助。"}),
    ("visit", {"name": "张立新", "phone": "13600000001", "category": "labour_contract", "place": "350203",
               "content": "公司搬迁后不签劳动合同，集体来访反映情况。", "head_count": 12}),
]


def load(stdout) -> None:
    for category, place, target, note in RULES:
        RoutingRule.objects.update_or_create(category=category, place=place, defaults={"target": target, "note": note})
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=DESKS)}
    users = {u.username: u for u in User.objects.filter(username__in=DESKS.values())}
    for code, username in DESKS.items():
        if code in orgs and username in users:
            Desk.objects.update_or_create(organisation=orgs[code], defaults={"user": users[username]})
    made = 0
    if not Appeal.objects.filter(phone=SAMPLES[0][1]["phone"]).exists():
        on = dt.date.today() - dt.timedelta(days=3)
        for channel, data in SAMPLES:
            register(validate(data).model_dump(), channel=channel, on=on)
            made += 1
    department = Organisation.objects.get(code="350000")
    if not DisclosureRequest.objects.exists():
        receive({"applicant_kind": "natural", "applicant": "张三", "id_document": "身份证 350102199001011234",
                 "contact": "13800000000", "description": "本年度全省工伤认定决定数量（按设区市）",
                 "form": "电子邮件"}, department, on=dt.date.today() - dt.timedelta(days=5))
        made += 1
    for title, cat, number in CATALOGUE:
        CatalogueItem.objects.get_or_create(title=title, defaults=_catalogue_item(cat, number, department))
    stdout.write(f"诉求分办规则 {len(RULES)} 条，受理岗 {Desk.objects.count()} 个，示例诉求和公开申请 {made} 件，"
                 f"主动公开目录 {CatalogueItem.objects.count()} 条\n")


def _catalogue_item(category: str, number: str, org: Organisation) -> dict:
    from .core import clocks

    formed = dt.date.today() - dt.timedelta(days=40)
    due = clocks.due("appeals.disclosure.proactive", formed).due
    return {"category": category, "doc_number": number, "organisation": org, "formed_on": formed,
            "published_on": formed + dt.timedelta(days=7), "publish_due": due}
