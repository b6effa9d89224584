"""Import the register, the inspectors and the items from Excel/CSV (idempotent, with rejects).

A row is keyed by its 统一社会信用代码 / 执法证号 / 事项编码: importing the same file twice
changes nothing the second time. Good rows are saved in one transaction; every bad row is
reported (row as the file shows it, column, reason) and nothing of it is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from renshe.inspections.core.tabular import Parsed, Reject, credit_code_ok, parse, read_table, yes
from renshe.inspections.models import Enterprise, InspectionItem, Inspector
from renshe.platform.accounts.access import has_role
from renshe.platform.accounts.models import Organisation
from renshe.platform.accounts.scoping import visible_organisations
from renshe.platform.audit.service import record, snapshot
from renshe.rules.errors import RulesError

KINDS = {"enterprises": "检查对象名录", "inspectors": "执法检查人员名录", "items": "检查事项清单"}
EXCLUSIONS = {label: value for value, label in Enterprise.Exclusion.choices if value}


@dataclass
class Outcome:
    kind: str
    added: int
    changed: int
    unchanged: int
    rejects: list[Reject]


def _cities(user: Any) -> dict[str, Organisation]:
    """City name, short name (厦门) or code → the city's bureau, among those ``user`` may see."""
    out = {}
    for org in visible_organisations(user).filter(kind=Organisation.Kind.CITY):
        for key in (org.code, org.name, org.name.removesuffix("市")):
            out[key] = org
    return out


def _enterprise_check(cities):
    def check(raw):
        code, problems = raw["统一社会信用代码"].upper(), []
        if not credit_code_ok(code):
            problems.append(("统一社会信用代码", "不是有效的统一社会信用代码（18位，校验位不符）"))
        city = cities.get(raw["设区市"])
        if city is None:
            problems.append(("设区市", "不是本机关管辖范围内的设区市"))
        excl = raw.get("不纳入抽查", "")
        if excl and excl not in EXCLUSIONS:
            problems.append(("不纳入抽查", f"只能填写：{'、'.join(EXCLUSIONS)}，或留空"))
        agency = yes(raw.get("人力资源服务机构", ""))
        if agency is None:
            problems.append(("人力资源服务机构", "只能填写“是”或“否”"))
        return {"credit_code": code, "name": raw["单位名称"], "organisation": city,
                "excluded": EXCLUSIONS.get(excl, ""), "is_agency": bool(agency)}, problems
    return check


def _inspector_check(cities, known_codes):
    def check(raw):
        problems = []
        city = cities.get(raw["设区市"])
        if city is None:
            problems.append(("设区市", "不是本机关管辖范围内的设区市"))
        certified = yes(raw.get("持有行政执法证件", "是") or "是")
        if certified is None:
            problems.append(("持有行政执法证件", "只能填写“是”或“否”"))
        conflicts = [c.strip().upper() for c in raw.get("需回避企业", "").replace("；", ";").replace("，", ";")
                     .replace(",", ";").split(";") if c.strip()]
        unknown = [c for c in conflicts if c not in known_codes]
        if unknown:
            problems.append(("需回避企业", f"名录库中没有：{'、'.join(unknown[:5])}"))
        return {"badge": raw["执法证号"], "name": raw["姓名"], "organisation": city,
                "certified": bool(certified), "conflicts": conflicts}, problems
    return check


def _item_check(raw):
    problems = []
    try:
        cap = int(raw["年度上限"])
        if cap < 0:
            raise ValueError
    except ValueError:
        problems.append(("年度上限", "必须是非负整数"))
        cap = 0
    safety = yes(raw.get("涉及安全生产", ""))
    if safety is None:
        problems.append(("涉及安全生产", "只能填写“是”或“否”"))
    return {"code": raw["事项编码"].upper(), "name": raw["检查事项"], "basis": raw["检查依据"], "cap": cap,
            "department": raw.get("实施部门") or "人力资源社会保障部门", "safety": bool(safety)}, problems


def parse_file(kind: str, user: Any, name: str, content: bytes) -> Parsed:
    table = read_table(name, content)
    cities = _cities(user)
    if kind == "enterprises":
        return parse(table, ["统一社会信用代码", "单位名称", "设区市"], _enterprise_check(cities), "credit_code", "统一社会信用代码")
    if kind == "inspectors":
        known = set(Enterprise.objects.values_list("credit_code", flat=True))
        return parse(table, ["执法证号", "姓名", "设区市"], _inspector_check(cities, known), "badge", "执法证号")
    if kind == "items":
        return parse(table, ["事项编码", "检查事项", "检查依据", "年度上限"], _item_check, "code", "事项编码")
    raise RulesError.of("kind", "未知的导入类型", f"unknown import kind {kind!r}")


def _upsert(model, key: str, value: dict[str, Any], actor: Any, m2m: dict[str, list] | None = None) -> str:
    obj = model.objects.filter(**{key: value[key]}).first()
    before = snapshot(obj) if obj else None
    if obj is None:
        obj = model(**value)
    else:
        for k, v in value.items():
            setattr(obj, k, v)
    after = snapshot(obj)
    m2m_changed = False
    if before == after and obj.pk and not m2m:
        return "unchanged"
    obj.save()
    for name, targets in (m2m or {}).items():
        current = set(getattr(obj, name).values_list("pk", flat=True))
        wanted = {t.pk for t in targets}
        if current != wanted:
            getattr(obj, name).set(targets)
            m2m_changed = True
    if before == after and not m2m_changed:
        return "unchanged"
    record(actor, obj, "inspections.imported", before=before, after=snapshot(obj))
    return "added" if before is None else "changed"


def apply(kind: str, user: Any, name: str, content: bytes) -> Outcome:
    """Parse and save the good rows in one transaction; report the bad ones."""
    if not has_role(user, "labour_inspector", "division_staff", "leader"):
        raise PermissionDenied("没有导入名录的权限")
    parsed = parse_file(kind, user, name, content)
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    with transaction.atomic():
        for _, value in parsed.rows:
            if kind == "enterprises":
                result = _upsert(Enterprise, "credit_code", value, user)
            elif kind == "inspectors":
                conflicts = list(Enterprise.objects.filter(credit_code__in=value.pop("conflicts")))
                result = _upsert(Inspector, "badge", value, user, {"conflicts": conflicts})
            else:
                result = _upsert(InspectionItem, "code", value, user)
            counts[result] += 1
    return Outcome(kind, counts["added"], counts["changed"], counts["unchanged"], parsed.rejects)
