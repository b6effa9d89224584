"""Demo disputes: the mediation network of the ten cities and a handful of made-up cases
(names marked 演示) moved through the real workflow, so the staff pages have something to show.

Idempotent: organisations are matched by name, cases by the applicant's name. The year of
about 200,000 cases behind the dashboard is not loaded here (it takes minutes): run
``manage.py load_disputes_year`` (see :mod:`renshe.disputes.demo_year`).
"""

from __future__ import annotations

import datetime as dt

from renshe.platform.accounts.models import Organisation, User
from renshe.rules.errors import RulesError

from . import services
from .models import Case, MediationOrganisation

D = dt.date
CITY_NAMES = {
    "350100": "福州", "350200": "厦门", "350300": "莆田", "350400": "三明", "350500": "泉州",
    "350600": "漳州", "350700": "南平", "350800": "龙岩", "350900": "宁德", "pingtan": "平潭",
}
#: the report names Nanping's 12338 women's labour-rights station as the first "仲裁+X" partner
PARTNERS = {"350700": "南平市12338妇女维权服务站（仲裁+妇联）"}


def _network() -> None:
    for org in Organisation.objects.filter(kind=Organisation.Kind.CITY):
        city = CITY_NAMES.get(org.code, org.name[:2])
        rows = [
            (f"{city}市总工会劳动争议调解中心", MediationOrganisation.Kind.INDUSTRY, "全市"),
            (f"{city}市建筑业劳动争议调解委员会", MediationOrganisation.Kind.INDUSTRY, "建筑施工行业"),
            (f"{city}市中心城区街道劳动争议调解室", MediationOrganisation.Kind.TOWNSHIP, "中心城区"),
            (f"{city}市中级人民法院", MediationOrganisation.Kind.COURT, "全市（诉调对接）"),
        ]
        if org.code in PARTNERS:
            rows.append((PARTNERS[org.code], MediationOrganisation.Kind.PARTNER, "全市女职工"))
        for name, kind, area in rows:
            MediationOrganisation.objects.get_or_create(name=name, defaults={"kind": kind, "organisation": org, "area": area})


#: (applicant, committee code, dispute type, claims, statements, steps to take)
CASES = [
    ("陈演示", "350200", "termination", ["unpaid_wages", "double_wages", "damages"],
     {"hire": "2024-05-06", "end": "2026-01-31", "monthly_wage": "6000", "termination": "unlawful", "signed": "",
      "unpaid_wages": "2025-12 6000\n2026-01 6000"}, []),
    ("林演示", "350200", "wages", ["unpaid_wages"],
     {"hire": "2023-03-01", "monthly_wage": "5200", "unpaid_wages": "2026-09 5200\n2026-10 5200"}, ["accept"]),
    ("黄演示", "350200", "overtime", ["overtime_pay"],
     {"hire": "2022-07-01", "end": "2026-06-30", "monthly_wage": "7000", "overtime_weekday_hours": "120"},
     ["accept", "serve", "mediate"]),
    ("郑演示", "350206", "annual_leave", ["annual_leave_pay"],
     {"hire": "2019-02-18", "end": "2026-08-31", "monthly_wage": "8700", "unused_leave_days": "10"}, ["accept"]),
    ("吴演示", "350206", "work_injury", ["injury_medical_expenses"],
     {"hire": "2021-04-01", "monthly_wage": "6500", "medical_expenses": "18500"}, []),
    ("张演示", "350100", "no_contract", ["double_wages"],
     {"hire": "2025-03-10", "monthly_wage": "5000", "signed": ""}, ["accept"]),
]


def _cases() -> None:
    arbitrator = User.objects.filter(username="arbitrator.xm").first()
    for name, code, kind, requested, statements, steps in CASES:
        if Case.objects.filter(applicant_name=name).exists():
            continue
        org = Organisation.objects.filter(code=code).first()
        if org is None:
            continue
        app = services.Application(
            organisation_id=org.pk, dispute_type=kind, applicant_name=name,
            applicant_id_number="11010519491231002X", applicant_phone="13800000000",
            respondent_name=f"{name[0]}氏演示有限公司", respondent_credit_code="914403001922038216", facts="演示数据",
            requested=requested, statements=statements,
        )
        try:
            case = services.save_application(app, [], submit=True)
            actor = arbitrator if org.code.startswith("3502") else None
            for action in steps:
                if actor is not None:
                    case = services.step(actor, case, action)
        except RulesError:
            continue


def load(stdout) -> None:
    _network()
    _cases()
    stdout.write(f"disputes: {MediationOrganisation.objects.count()} mediation organisations, "
                 f"{Case.objects.count()} cases (the demo year: manage.py load_disputes_year)\n")
