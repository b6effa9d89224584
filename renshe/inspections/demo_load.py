"""Demo catalogue for 双随机一公开 (all made up, names marked 演示): the 14 items, 60 enterprises
in each of 厦门 and 福州, and their inspectors — the demo accounts inspector.xm and
inspector.fz among them, plus one 执法辅助人员 without a 行政执法证件 who is never drawn.
Idempotent: rows are keyed by credit code and badge."""

from __future__ import annotations

from renshe.inspections.models import Enterprise, Inspector
from renshe.inspections.services import load_items
from renshe.inspections.tabular import with_check_digit
from renshe.platform.accounts.models import Organisation, User

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
    stdout.write(f"执法监督：检查事项 +{added}，检查对象 +{made}\n")
