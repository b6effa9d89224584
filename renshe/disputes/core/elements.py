"""要素: the facts each kind of labour dispute turns on, and how they feed ``dispute-claims``.

要素式审理 (element-based hearing) lists, per kind of dispute, the facts to be settled; each side
states its version, and the arbitrator marks each fact agreed, disputed or proven and by what
evidence. The claims follow from the adopted values (:func:`claims_input`), so they are
recomputed whenever an element changes. Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from renshe.rules.errors import FieldProblem, RulesError
from renshe.rules.labour.compensation import TERMINATION_LABELS

ValueType = Literal["date", "money", "choice", "bool", "hours", "days", "months", "level", "text"]


@dataclass(frozen=True)
class ElementSpec:
    label: str
    type: ValueType
    help: str = ""
    choices: dict[str, str] | None = None


ELEMENTS: dict[str, ElementSpec] = {
    "hire": ElementSpec("入职日期（用工之日）", "date", "第一天上班的日期"),
    "end": ElementSpec("劳动关系终止日期", "date", "仍在职的留空"),
    "monthly_wage": ElementSpec("月平均工资（元）", "money", "离职前12个月的平均应发工资"),
    "termination": ElementSpec("解除或终止的情形", "choice", "劳动合同是怎么结束的", TERMINATION_LABELS),
    "notice_given": ElementSpec("是否提前三十日书面通知", "bool", "单位依劳动合同法第四十条解除时"),
    "signed": ElementSpec("书面劳动合同订立日期", "date", "一直没签的留空"),
    "unpaid_wages": ElementSpec("拖欠工资（逐月）", "months", "每行一个月：2025-12 6000"),
    "overtime_weekday_hours": ElementSpec("工作日延长工作小时数", "hours"),
    "overtime_restday_hours": ElementSpec("休息日加班小时数（未补休）", "hours"),
    "overtime_holiday_hours": ElementSpec("法定节假日加班小时数", "hours"),
    "unused_leave_days": ElementSpec("应休未休年休假天数", "days"),
    "local_avg_monthly_wage": ElementSpec(
        "本地区上年度职工月平均工资（元）", "money", "设区的市公布的数额；经济补偿三倍封顶用（劳动合同法第四十七条第二款）"
    ),
    "social_insurance_unpaid_months": ElementSpec("未依法缴纳社会保险的月数", "days", "社会保险费由征收机构征缴"),
    "injury_recognised_on": ElementSpec("工伤认定决定日期", "date", "工伤认定决定书上的日期"),
    "disability_level": ElementSpec("劳动能力鉴定伤残等级", "level", "一级至十级"),
    "disability_appraised_on": ElementSpec("劳动能力鉴定结论日期", "date", "鉴定结论书上的日期；一次性伤残补助金的时效自次日起算"),
    "injury_insured": ElementSpec(
        "用人单位是否参加工伤保险", "bool", "已参保的，一次性伤残补助金和一次性工伤医疗补助金由基金支付（工伤保险条例第六十二条）"
    ),
    "injury_wage": ElementSpec("受伤前12个月平均月工资（元）", "money"),
    "medical_expenses": ElementSpec("工伤医疗费（元）", "money", "单位应付而未付的部分"),
    "medical_expenses_known_on": ElementSpec("知道单位不支付医疗费之日", "date"),
}

DisputeType = Literal["wages", "no_contract", "termination", "overtime", "annual_leave", "social_insurance", "work_injury"]
DISPUTE_TYPES: dict[str, str] = {
    "wages": "拖欠工资",
    "no_contract": "未签书面劳动合同",
    "termination": "解除劳动合同与经济补偿",
    "overtime": "加班工资",
    "annual_leave": "带薪年休假",
    "social_insurance": "社会保险",
    "work_injury": "工伤待遇",
}
_BASE = ("hire", "end", "monthly_wage")
ELEMENT_SETS: dict[str, tuple[str, ...]] = {
    "wages": (*_BASE, "unpaid_wages"),
    "no_contract": (*_BASE, "signed"),
    "termination": (*_BASE, "termination", "notice_given", "signed", "local_avg_monthly_wage"),
    "overtime": (*_BASE, "overtime_weekday_hours", "overtime_restday_hours", "overtime_holiday_hours"),
    "annual_leave": (*_BASE, "unused_leave_days"),
    "social_insurance": (*_BASE, "social_insurance_unpaid_months"),
    "work_injury": (
        *_BASE, "injury_recognised_on", "disability_level", "disability_appraised_on", "injury_wage", "injury_insured",
        "medical_expenses", "medical_expenses_known_on",
    ),
}
_MONTH_LINE = re.compile(r"^\s*(\d{4})[-年./]?(\d{1,2})月?\s+([0-9]+(?:\.[0-9]{1,2})?)\s*元?\s*$")


def parse(key: str, text: str) -> Any:
    """An element's value typed as text on a form, as JSON-ready data; a bilingual error naming ``key``."""
    spec = ELEMENTS[key]
    t = (text or "").strip()
    if t == "":
        return None
    try:
        if spec.type == "date":
            return dt.date.fromisoformat(t).isoformat()
        if spec.type in {"money", "hours", "days"}:
            v = float(t.replace(",", ""))
            if not 0 <= v <= 100_000_000:
                raise ValueError
            return round(v, 2)
        if spec.type == "level":
            v = int(t)
            if not 1 <= v <= 10:
                raise ValueError
            return v
        if spec.type == "bool":
            if t in {"是", "true", "1", "yes"}:
                return True
            if t in {"否", "false", "0", "no"}:
                return False
            raise ValueError
        if spec.type == "choice":
            if t not in (spec.choices or {}):
                raise ValueError
            return t
        if spec.type == "months":
            return _months(key, t)
    except ValueError:
        raise RulesError.of(key, f"“{spec.label}”的格式不正确：{_expect(spec)}", f"{key}: expected {spec.type}") from None
    return t


def _expect(spec: ElementSpec) -> str:
    return {
        "date": "应为日期，如 2025-11-27",
        "money": "应为金额（元），如 6000",
        "hours": "应为小时数",
        "days": "应为天数",
        "level": "应为 1 至 10 的整数",
        "bool": "应为“是”或“否”",
        "choice": "请从列表中选择",
        "months": "每行一个月和金额，如 2025-12 6000",
    }.get(spec.type, "")


def _months(key: str, text: str) -> list[dict[str, Any]]:
    out = []
    for line in filter(None, (x.strip() for x in text.splitlines())):
        m = _MONTH_LINE.match(line)
        if not m or not 1 <= int(m[2]) <= 12:
            raise ValueError
        out.append({"month": f"{int(m[1]):04d}-{int(m[2]):02d}", "amount": float(m[3])})
    return out


def display(key: str, value: Any) -> str:
    """The value as a page shows it (2025年11月27日, 6,000.00元, the choice's label)."""
    if value is None or value == "":
        return "—"
    spec = ELEMENTS[key]
    if spec.type == "date":
        d = dt.date.fromisoformat(value)
        return f"{d.year}年{d.month}月{d.day}日"
    if spec.type == "money":
        return f"{value:,.2f}元"
    if spec.type == "choice":
        return (spec.choices or {}).get(value, value)
    if spec.type == "bool":
        return "是" if value else "否"
    if spec.type == "months":
        return "；".join(f"{m['month']} {m['amount']:,.2f}元" for m in value)
    if spec.type == "level":
        return f"{value}级"
    return str(value)


def as_text(key: str, value: Any) -> str:
    """The value back as the text a form field holds (the inverse of :func:`parse`)."""
    if value is None:
        return ""
    if ELEMENTS[key].type == "months":
        return "\n".join(f"{m['month']} {m['amount']:g}" for m in value)
    if ELEMENTS[key].type == "bool":
        return "是" if value else "否"
    return str(value)


def claims_input(values: dict[str, Any], *, region: str, filed_on: dt.date, requested: list[str] | None = None,
                 birth: dt.date | None = None, sex: str | None = None) -> dict[str, Any]:
    """The ``dispute-claims`` input from the adopted element values (those not yet settled are left out).

    ``birth`` and ``sex`` (read from the worker's ID number) give the age at the end of the
    employment and the sex that Fujian's work-injury lump sums turn on (闽政〔2011〕80号第二十七条)."""
    if not values.get("hire") or values.get("monthly_wage") is None:
        missing = [k for k in ("hire", "monthly_wage") if not values.get(k) and values.get(k) != 0]
        raise RulesError([FieldProblem(k, f"请先认定“{ELEMENTS[k].label}”", f"settle {k} first") for k in missing])
    p: dict[str, Any] = {
        "region": region,
        "filed_on": filed_on.isoformat(),
        "hire": values["hire"],
        "end": values.get("end"),
        "monthly_wage": values["monthly_wage"],
        # no 'signed' element recorded: the contract is not in dispute, so no double wage is sought
        "signed": values["signed"] if "signed" in values else values["hire"],
        "unpaid_wages": values.get("unpaid_wages") or [],
        "unused_leave_days": values.get("unused_leave_days") or 0,
        "medical_expenses": values.get("medical_expenses") or 0,
        "medical_expenses_known_on": values.get("medical_expenses_known_on"),
    }
    if values.get("local_avg_monthly_wage"):
        p["local_avg_monthly_wage"] = values["local_avg_monthly_wage"]
    hours = {k: values.get(f"overtime_{k}") or 0 for k in ("weekday_hours", "restday_hours", "holiday_hours")}
    if any(hours.values()):
        p["overtime"] = hours
    if values.get("termination") and values.get("end"):
        p["termination"] = values["termination"]
        p["notice_given"] = values.get("notice_given")
    for key in ("injury_recognised_on", "disability_level", "disability_appraised_on", "injury_wage"):
        if values.get(key) is not None:
            p[key] = values[key]
    p["injury_insured"] = bool(values.get("injury_insured"))
    if sex in {"male", "female"}:
        p["sex"] = sex
    if birth is not None and values.get("end"):
        end = dt.date.fromisoformat(values["end"])
        p["age"] = end.year - birth.year - ((end.month, end.day) < (birth.month, birth.day))
    if requested:
        p["requested"] = requested
    return p
