"""Demo catalogue for 双随机一公开 (all made up, names marked 演示): the 14 items and the agencies'
20-item checklist, 60 enterprises in each of 厦门 and 福州, and their inspectors — the demo
accounts inspector.xm and inspector.fz among them, plus one 执法辅助人员 without a 行政执法证件
who is never drawn — and the human-resources service agencies among the enterprises on the
register, one licensed by 告知承诺 and awaiting verification. The agencies' report code is
``RENSHE_DEMO_PASSWORD`` if set, otherwise generated and written beside the demo passwords.
Idempotent: rows are keyed by credit code and badge."""

from __future__ import annotations

import datetime as dt
import os
import secrets

from renshe.inspections.core.tabular import with_check_digit
from renshe.inspections.models import Agency, Branch, Enterprise, Inspector
from renshe.inspections.services import load_items
from renshe.platform.accounts.demo_load import passwords_file
from renshe.platform.accounts.models import Organisation, User
from renshe.platform.audit.service import record, snapshot

CITIES = {"350200": ("厦门", "inspector.xm"), "350100": ("福州", "inspector.fz")}
TRADES = ["制造", "建筑工程", "物流", "餐饮管理", "电子科技", "纺织", "人力资源服务"]
PER_CITY = 60


def load(stdout) -> None:
    added = load_items()
    made = 0
    for code, (short, username) in CITIES.items():
        org = Organisation.objects.get(code=code)
        for i in range(PER_CITY):
            credit = with_check_digit(f"91{code}MA{i:07d}")
            trade = TRADES[i % len(TRADES)]
            _, created = Enterprise.objects.get_or_create(
                credit_code=credit,
                defaults={"name": f"{short}演示{trade}有限公司{i + 1:02d}", "organisation": org,
                          "excluded": "new" if i % 15 == 14 else "", "is_agency": trade == "人力资源服务"})
            made += created
        people = [("监察", username, True), ("林", None, True), ("黄", None, True), ("陈", None, False)]
        for j, (name, login, certified) in enumerate(people):
            user = User.objects.filter(username=login).first() if login else None
            if user is not None:
                name = user.get_full_name() or name
            Inspector.objects.get_or_create(
                badge=f"{code}-{j + 1:03d}",
                defaults={"name": f"{name}（演示）", "organisation": org, "user": user, "certified": certified})
    agencies = _agencies()
    stdout.write(f"执法监督：检查事项 +{added}，检查对象 +{made}，人力资源服务机构 +{agencies}\n")


def _agency_code(credit_code: str) -> str:
    shared = os.environ.get("RENSHE_DEMO_PASSWORD", "")
    if shared:
        return shared
    path = passwords_file()
    key = f"agency:{credit_code}"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for line in lines:
        if line.startswith(key + " "):
            return line.split(" ", 1)[1]
    code = secrets.token_urlsafe(9)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(f"{key} {code}\n")
    path.chmod(0o600)
    return code


def _agencies() -> int:
    made = 0
    for k, ent in enumerate(Enterprise.objects.filter(is_agency=True, name__contains="演示").order_by("credit_code")):
        if Agency.objects.filter(enterprise=ent).exists():
            continue
        commitment = k == 0
        on = dt.date(2025, 11, 20) if commitment else dt.date(2021 + k % 4, 3 + k % 6, 10)
        agency = Agency.objects.create(
            enterprise=ent, organisation=ent.organisation, permit="licence" if k % 3 or commitment else "filing",
            permit_number=f"{ent.organisation.code}{2021 + k % 4}{k + 1:04d}", permitted_on=on,
            scope="职业介绍、人才推荐、招聘会" if k % 3 else "人力资源供求信息收集和发布、就业和创业指导",
            via_commitment=commitment, verification_due=dt.date(2025, 12, 20) if commitment else None,
            report_code_digest=Agency.digest(_agency_code(ent.credit_code)))
        if k % 4 == 1:
            Branch.objects.create(agency=agency, name=f"{ent.name}（演示）分公司", address="演示地址",
                                  reported_on=on + dt.timedelta(days=30))
        record(None, agency, "agency.registered", after=snapshot(agency), note="演示数据")
        made += 1
    return made
