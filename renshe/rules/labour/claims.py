"""劳动争议请求计算 (calculator ``dispute-claims``): from a dispute's elements, every claim the law supports.

要素式审理 (element-based hearing) starts from the facts both sides state — hire and end dates,
the wage, how the contract ended, whether one was signed, the months unpaid, the overtime, the
leave not taken, the medical costs of an injury — and from them the claims follow by law. Each
claim is computed by the platform's existing calculator for it (``economic-compensation``,
``double-wages``, ``overtime-pay``; the annual-leave pay by its core), keeps that calculator's
trace, and is then judged for limitation and finality by :mod:`renshe.rules.labour.claims_law`.

The same judgement for a whole register at once is :mod:`renshe.rules.labour.claims_array`; a
test holds both paths to the same figures.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from renshe.rules import injury
from renshe.rules.calculators import Calculator
from renshe.rules.deadlines import limitation_array
from renshe.rules.errors import FieldProblem, RulesError
from renshe.rules.fields import MAX_HOURS, MAX_YUAN, RegionCode, optional_yuan, output
from renshe.rules.labour import compensation, double_wages, overtime
from renshe.rules.labour.claims_law import (
    ARBITRATION_LAW,
    CLAIMS,
    FINAL_AWARD_PARAM,
    FINALITY_ARTICLE,
    KIND_LABELS,
    LIMITATION_ARTICLE,
    SPC_INTERPRETATION,
    Kind,
)
from renshe.rules.labour.common import LABOUR_LAW, LEAVE_MEASURES, cite, given_or_param, param, source_note
from renshe.rules.labour.compensation import TERMINATION_LABELS, Termination
from renshe.rules.labour.leave import leave_pay_core
from renshe.rules.money import money
from renshe.rules.parameters import Reference
from renshe.rules.trace import Step, Trace

INJURY_REGS = Reference(document="工伤保险条例", number="国务院令第586号")


class UnpaidMonth(BaseModel):
    model_config = ConfigDict(extra="forbid")

    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", title="月份", description="YYYY-MM")
    amount: float = Field(gt=0, le=MAX_YUAN, allow_inf_nan=False, title="拖欠金额（元）")


class OvertimeHours(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weekday_hours: float = Field(default=0, ge=0, le=MAX_HOURS, allow_inf_nan=False, title="工作日延长工作小时数")
    restday_hours: float = Field(default=0, ge=0, le=MAX_HOURS, allow_inf_nan=False, title="休息日加班小时数")
    holiday_hours: float = Field(default=0, ge=0, le=MAX_HOURS, allow_inf_nan=False, title="法定节假日加班小时数")
    compensatory_rest_given: bool = Field(default=False, title="休息日加班已安排补休")


class DisputeClaimsIn(BaseModel):
    """A labour dispute's elements (要素), as CONTRACTS.md names them."""

    model_config = ConfigDict(extra="forbid")

    region: RegionCode
    filed_on: dt.date = Field(title="申请仲裁日期", description="向仲裁委员会提出仲裁申请之日")
    hire: dt.date = Field(title="入职日期", description="用工之日（第一天上班的日期）")
    end: dt.date | None = Field(default=None, title="劳动关系终止日期", description="仍在职的留空")
    monthly_wage: float = Field(
        ge=0, le=MAX_YUAN, allow_inf_nan=False, title="月平均工资（元）", description="解除或终止前12个月的平均工资"
    )
    termination: Termination | None = Field(
        default=None, title="解除或终止的情形", json_schema_extra={"x-labels": TERMINATION_LABELS}
    )
    notice_given: bool | None = Field(default=None, title="是否提前三十日书面通知")
    proposed_by: str = Field(
        default="employer",
        pattern="^(employer|worker)$",
        title="协商解除由谁提出",
        json_schema_extra={"x-labels": {"employer": "用人单位提出", "worker": "劳动者提出"}},
    )
    signed: dt.date | None = Field(default=None, title="书面劳动合同订立日期", description="至今未订立的留空")
    unpaid_wages: list[UnpaidMonth] = Field(default_factory=list, max_length=600, title="拖欠工资（逐月）")
    overtime: OvertimeHours | None = Field(default=None, title="加班小时数")
    unused_leave_days: float = Field(default=0, ge=0, le=366, title="应休未休年休假天数")
    leave_year: int | None = Field(default=None, ge=2008, le=2100, title="未休年休假所属年度")
    medical_expenses: float = Field(default=0, ge=0, le=MAX_YUAN, allow_inf_nan=False, title="工伤医疗费（元）")
    medical_expenses_known_on: dt.date | None = Field(
        default=None, title="知道单位不支付工伤医疗费之日", description="用于计算工伤医疗费请求的仲裁时效"
    )
    injury_recognised_on: dt.date | None = Field(
        default=None, title="工伤认定决定日期", description="工伤认定决定书上的日期；未认定工伤的不计工伤待遇"
    )
    disability_level: int | None = Field(default=None, ge=1, le=10, title="劳动能力鉴定伤残等级", description="一级至十级")
    disability_appraised_on: dt.date | None = Field(
        default=None, title="劳动能力鉴定结论日期", description="一次性伤残补助金请求的仲裁时效自次日起算"
    )
    injury_wage: float | None = Field(
        default=None, ge=0, le=MAX_YUAN, allow_inf_nan=False, title="受伤前12个月平均月缴费工资（元）"
    )
    injury_insured: bool = Field(
        default=False, title="用人单位已为其参加工伤保险",
        description="已参保的，一次性伤残补助金和一次性工伤医疗补助金由基金支付，不向用人单位主张（工伤保险条例第六十二条第二款）",
    )
    age: int | None = Field(
        default=None, ge=14, le=100, title="劳动关系终止时的年龄（周岁）",
        description="福建按平均预期寿命与年龄之差计发两项一次性补助金；可由身份证号的出生日期算出",
    )
    sex: Literal["male", "female"] | None = Field(
        default=None, title="性别", description="可取自身份证号", json_schema_extra={"x-labels": injury.SEX_LABELS}
    )
    requested: list[Kind] | None = Field(
        default=None,
        title="申请人提出的请求",
        description="不填则列出要素支持的全部请求；填写的请求须为要素所支持",
        json_schema_extra={"x-labels": KIND_LABELS},
    )
    local_minimum_wage: float | None = optional_yuan("当地月最低工资标准（元）")
    local_avg_monthly_wage: float | None = optional_yuan("本地区上年度职工月平均工资（元）")
    as_of: dt.date | None = Field(default=None, title="适用法规的日期", description="不填则为申请仲裁日期")

    @field_validator("end", "filed_on", "signed")
    @classmethod
    def _not_before_hire(cls, day: dt.date | None, info) -> dt.date | None:
        hire = info.data.get("hire")
        names = {"end": "劳动关系终止日期", "filed_on": "申请仲裁日期", "signed": "书面劳动合同订立日期"}
        if day is not None and hire is not None and day < hire and info.field_name != "signed":
            raise ValueError(
                f"{names[info.field_name]} {day.isoformat()} 早于入职日期 {hire.isoformat()} / "
                f"{info.field_name} {day.isoformat()} is before hire {hire.isoformat()}"
            )
        return day

    @model_validator(mode="after")
    def _consistent(self) -> DisputeClaimsIn:
        problems: list[FieldProblem] = []
        if self.hire > self.filed_on:
            problems.append(FieldProblem("filed_on", "申请仲裁日期早于入职日期", "filed_on is before hire"))
        if self.end is not None and self.end > self.filed_on:
            problems.append(
                FieldProblem(
                    "end",
                    f"劳动关系终止日期 {self.end.isoformat()} 晚于申请仲裁日期 {self.filed_on.isoformat()}",
                    f"end {self.end.isoformat()} is after filed_on {self.filed_on.isoformat()}",
                )
            )
        if self.termination is not None and self.end is None:
            problems.append(
                FieldProblem("end", "填写了解除或终止的情形，须同时填写劳动关系终止日期", "termination needs end")
            )
        last = (self.end or self.filed_on).strftime("%Y-%m")
        for i, m in enumerate(self.unpaid_wages):
            if not self.hire.strftime("%Y-%m") <= m.month <= last:
                problems.append(
                    FieldProblem(
                        f"unpaid_wages.{i}.month",
                        f"拖欠工资的月份 {m.month} 不在入职（{self.hire:%Y-%m}）至{'离职' if self.end else '申请'}（{last}）之间",
                        f"month {m.month} is outside the employment ({self.hire:%Y-%m} to {last})",
                    )
                )
        if self.leave_year is not None and not self.hire.year <= self.leave_year <= (self.end or self.filed_on).year:
            problems.append(FieldProblem("leave_year", "年休假所属年度不在劳动关系期间内", "leave_year outside employment"))
        if problems:
            raise RulesError(problems)
        return self


class Claim(BaseModel):
    kind: Kind = output("请求", labels=KIND_LABELS)
    label: str = output("请求名称")
    amount: float = output("金额", unit="元")
    within_limitation: bool = output("在仲裁时效内", description="劳动争议调解仲裁法第二十七条（含第四款）")
    limitation_expires_on: dt.date | None = output("时效届满日", description="时效尚未起算或无从计算时为空")
    final_award: bool = output("一裁终局", description="劳动争议调解仲裁法第四十七条，逐项判断")
    basis: list[str] = output("依据")
    trace: list[Step] = output("计算过程", description="计算该项请求的计算器的逐步依据")


class DisputeClaimsOut(BaseModel):
    claims: list[Claim] = output("各项请求", description="要素支持的每一项请求")
    total: float = output("时效内请求合计", unit="元")
    final_award_limit: float = output("一裁终局金额界限", unit="元", description="当地月最低工资标准 × 12")
    all_final: bool = output("全部为终局裁决事项")
    trace: list[Step]


def _supported(inp: DisputeClaimsIn, on: dt.date) -> dict[str, tuple[float, Trace, dt.date | None]]:
    """Every claim the elements support: kind → (amount, its calculator's trace, the day limitation runs from)."""
    found: dict[str, tuple[float, Trace, dt.date | None]] = {}
    assess_end = inp.end or inp.filed_on
    if inp.unpaid_wages:
        t = Trace()
        total = money(sum(m.amount for m in inp.unpaid_wages))
        t.add(
            "工资应当以货币形式按月支付，不得克扣或者无故拖欠；拖欠的各月工资相加",
            cite(LABOUR_LAW, "第五十条"),
            inputs={m.month: m.amount for m in inp.unpaid_wages},
            result=total,
            formula=" + ".join(f"{m.amount:.2f}" for m in inp.unpaid_wages) + f" = {total:.2f}",
        )
        found["unpaid_wages"] = (total, t, None)
    dw = double_wages.compute(
        double_wages.DoubleWagesIn(hire=inp.hire, signed=inp.signed, end=assess_end, monthly_wage=inp.monthly_wage, as_of=on)
    )
    if dw.amount > 0:
        found["double_wages"] = (dw.amount, Trace(dw.trace), dw.period_end)
    if inp.termination is not None and inp.end is not None:
        ec = compensation.compute(
            compensation.CompensationIn(
                start=inp.hire,
                end=inp.end,
                avg_monthly_wage=inp.monthly_wage,
                termination=inp.termination,
                proposed_by=inp.proposed_by,
                notice_given=inp.notice_given,
                region=inp.region,
                local_minimum_wage=inp.local_minimum_wage,
                local_avg_monthly_wage=inp.local_avg_monthly_wage,
                as_of=inp.as_of,
            )
        )
        for kind, amount in (
            ("economic_compensation", ec.amount),
            ("damages", ec.damages),
            ("payment_in_lieu_of_notice", ec.payment_in_lieu_of_notice),
        ):
            if amount > 0:
                found[kind] = (amount, Trace(ec.trace), inp.end)
    hours = inp.overtime
    if hours and (hours.weekday_hours or hours.restday_hours or hours.holiday_hours):
        ot = overtime.compute(overtime.OvertimeIn(monthly_wage=inp.monthly_wage, **hours.model_dump(), as_of=on))
        if ot.amount > 0:
            found["overtime_pay"] = (ot.amount, Trace(ot.trace), None)
    if inp.unused_leave_days > 0:
        found["annual_leave_pay"] = _leave(inp, on)
    if inp.medical_expenses > 0:
        t = Trace()
        t.add(
            "治疗工伤所需费用符合目录和标准的从工伤保险基金支付；应参保而未参保的，由用人单位按同等项目和标准支付",
            cite(INJURY_REGS, "第三十条、第六十二条第二款"),
            inputs={"medical_expenses": inp.medical_expenses},
            result=money(inp.medical_expenses),
        )
        found["injury_medical_expenses"] = (money(inp.medical_expenses), t, inp.medical_expenses_known_on)
    found.update(_injury_benefits(inp, on))
    return found


def injury_inputs(inp: DisputeClaimsIn, on: dt.date) -> tuple[injury.WorkInjuryInput, injury.WorkInjuryInput | None] | None:
    """The ``work-injury`` calculator's inputs for a recognised, appraised injury, or None.

    The one-off disability subsidy is computed with the law in force on the appraisal (the grade
    fixes it then); the two lump sums, due when the employment ends (第三十六条第二款、第三十七条第（二）项),
    with the law in force on that day — ``end`` given means the relationship has ended, and the
    element set does not tell who ended it, so ``terminated`` is taken as the statute's case.
    """
    if inp.injury_recognised_on is None or inp.disability_level is None or inp.injury_wage is None:
        return None
    common = {"level": inp.disability_level, "monthly_wage": inp.injury_wage, "region": inp.region,
              "local_minimum_wage": inp.local_minimum_wage, "age": inp.age, "sex": inp.sex}
    appraisal = injury.WorkInjuryInput(**common, as_of=inp.disability_appraised_on or on)
    ended = injury.WorkInjuryInput(**common, terminated=True, terminated_on=inp.end, as_of=inp.end) if inp.end else None
    return appraisal, ended


def _injury_benefits(inp: DisputeClaimsIn, on: dt.date) -> dict[str, tuple[float, Trace, dt.date | None]]:
    """The work-injury benefits the employer owes, each computed by the ``work-injury`` calculator.

    Against the employer: 一次性伤残就业补助金 always; 一次性伤残补助金 and 一次性工伤医疗补助金 only when
    it did not insure (工伤保险条例第六十二条第二款) — otherwise the fund pays them and the claim is
    the fund's, not the employer's. Amounts the province leaves unset (null) are not claims.
    """
    inputs = injury_inputs(inp, on)
    if inputs is None:
        return {}
    appraisal, ended = inputs
    found: dict[str, tuple[float, Trace, dt.date | None]] = {}
    if not inp.injury_insured:
        out = injury.compute(appraisal)
        if out.one_time_disability_subsidy:
            found["injury_disability_subsidy"] = (
                out.one_time_disability_subsidy, Trace(out.trace), inp.disability_appraised_on)
    if ended is not None:
        out = injury.compute(ended)
        kinds = (("injury_employment_subsidy", out.one_time_employment_subsidy),)
        if not inp.injury_insured:
            kinds = (("injury_medical_subsidy", out.one_time_medical_subsidy), *kinds)
        for kind, amount in kinds:
            if amount:
                found[kind] = (amount, Trace(out.trace), inp.end)
    return found


def _leave(inp: DisputeClaimsIn, on: dt.date) -> tuple[float, Trace, dt.date | None]:
    """Untaken days × daily wage × (300 % − the 100 % already paid) (实施办法第十条、第十一条)."""
    pay_days = param("labour.monthly_pay_days", on)
    rate = param("labour.annual_leave_pay_rate", on)
    out = leave_pay_core([inp.unused_leave_days], [inp.monthly_wage], pay_days=float(pay_days.value), rate=float(rate.value))
    pay = float(out["pay"][0])
    t = Trace()
    t.add(
        "应休未休年休假按日工资收入的300%支付，其中包含已支付的正常工资，另行支付200%；日工资 = 月工资 ÷ 21.75",
        cite(LEAVE_MEASURES, "第十条、第十一条"),
        params=[pay_days, rate],
        inputs={"unused_leave_days": inp.unused_leave_days, "monthly_wage": inp.monthly_wage},
        result=pay,
        formula=f"{inp.unused_leave_days:g} × {inp.monthly_wage:.2f} ÷ {pay_days.value:g} × ({rate.value:g} − 1) = {pay:.2f}",
    )
    due = None
    if inp.end is not None:
        due = inp.end
    elif inp.leave_year is not None:
        due = dt.date(inp.leave_year + 1, 12, 31)
    return pay, t, due


def _limitation(kind: str, known_on: dt.date | None, inp: DisputeClaimsIn, trace: Trace) -> tuple[bool, dt.date | None]:
    """Art. 27 for one claim: (within, last day to file) — ¶4 for pay owed while employed."""
    law = CLAIMS[kind]
    ref = cite(ARBITRATION_LAW, LIMITATION_ARTICLE[law.limitation])
    wages = law.limitation == "wages"
    start = inp.end if wages else known_on
    if wages and inp.end is None:
        trace.add(
            f"{law.label}：劳动关系存续期间拖欠劳动报酬的，不受一年仲裁时效期间的限制",
            ref,
            result=True,
        )
        return True, None
    if start is None:
        trace.add(
            f"{law.label}：要素中没有知道或应当知道权利被侵害之日，时效无从起算，按未超过时效处理，由仲裁庭另行认定",
            ref,
            result=True,
        )
        return True, None
    ended = np.array([inp.end or "NaT"], dtype="datetime64[D]")
    out = limitation_array(np.array([start], dtype="datetime64[D]"), ended, wages)
    expires = out["expires_on"][0].item()
    within = inp.filed_on <= expires
    trace.add(
        f"{law.label}：仲裁时效一年，自{'劳动关系终止之日' if wages else '知道或应当知道权利被侵害之日'}"
        f" {start.isoformat()} 的次日起算，届满日 {expires.isoformat()}（最后一日为休假日的顺延）",
        ref,
        inputs={"from": start.isoformat(), "filed_on": inp.filed_on.isoformat()},
        result=within,
        formula=f"{inp.filed_on.isoformat()} {'≤' if within else '>'} {expires.isoformat()}",
    )
    return within, expires


def compute(inp: DisputeClaimsIn) -> DisputeClaimsOut:
    on = inp.as_of or inp.filed_on
    trace = Trace()
    found = _supported(inp, on)
    if inp.requested is not None:
        problems = [
            FieldProblem(
                f"requested.{i}",
                f"要素不支持“{KIND_LABELS[k]}”这项请求：{_why_not(k, inp)}",
                f"the elements do not support the claim '{k}': {_why_not_en(k)}",
            )
            for i, k in enumerate(inp.requested)
            if k not in found
        ]
        if {"economic_compensation", "damages"} <= set(inp.requested):
            problems.append(
                FieldProblem(
                    "requested",
                    "违法解除的赔偿金与经济补偿不能同时主张：支付了赔偿金的，不再支付经济补偿（劳动合同法实施条例第二十五条）",
                    "damages for unlawful termination exclude economic compensation (LCL Regulations art. 25)",
                )
            )
        if problems:
            raise RulesError(problems)
        found = {k: v for k, v in found.items() if k in inp.requested}
    minimum = given_or_param(
        inp.local_minimum_wage, "local_minimum_wage", "wages.minimum_monthly", "月最低工资标准", on, inp.region
    )
    months = param(FINAL_AWARD_PARAM, on)
    limit = money(minimum[0] * months.value)
    trace.add(
        "一裁终局的金额界限：当地月最低工资标准的十二个月金额，逐项比较",
        cite(ARBITRATION_LAW, "第四十七条第（一）项"),
        params=[p for p in (minimum[1], months) if p],
        inputs={"local_minimum_wage": minimum[0], **source_note("local_minimum_wage", minimum[1])},
        result=limit,
        formula=f"{minimum[0]:.2f} × {months.value:g} = {limit:.2f}",
    )
    claims = []
    for kind, (amount, ctrace, known_on) in found.items():
        law = CLAIMS[kind]
        within, expires = _limitation(kind, known_on, inp, trace)
        final = law.finality == "standard" or amount <= limit
        trace.add(
            f"{law.label} {amount:.2f} 元："
            + (
                "因执行国家劳动标准在休息休假等方面发生的争议，不论金额均为终局裁决"
                if law.finality == "standard"
                else f"{'不超过' if final else '超过'}界限 {limit:.2f} 元，{'为' if final else '不是'}终局裁决事项"
            ),
            cite(ARBITRATION_LAW, FINALITY_ARTICLE[law.finality])
            if law.finality == "standard"
            else cite(SPC_INTERPRETATION, "第十九条"),
            result=final,
        )
        claims.append(
            Claim(
                kind=kind,
                label=law.label,
                amount=amount,
                within_limitation=within,
                limitation_expires_on=expires,
                final_award=final,
                basis=[*law.basis, f"《中华人民共和国劳动争议调解仲裁法》{LIMITATION_ARTICLE[law.limitation]}、{FINALITY_ARTICLE[law.finality]}"],
                trace=ctrace,
            )
        )
    total = money(sum(c.amount for c in claims if c.within_limitation))
    trace.add(
        "时效内各项请求合计",
        cite(ARBITRATION_LAW, "第二十七条"),
        result=total,
        formula=" + ".join(f"{c.amount:.2f}" for c in claims if c.within_limitation) or "0",
    )
    return DisputeClaimsOut(
        claims=claims,
        total=total,
        final_award_limit=limit,
        all_final=bool(claims) and all(c.final_award for c in claims),
        trace=trace,
    )


def _why_not(kind: str, inp: DisputeClaimsIn) -> str:
    reasons = {
        "unpaid_wages": "未填写拖欠工资的月份和金额",
        "double_wages": "自用工之日起一个月内已订立书面劳动合同，或用工未满一个月",
        "economic_compensation": "未填写解除或终止情形，或该情形依劳动合同法第四十六条不支付经济补偿",
        "damages": "只有违法解除或终止（第八十七条）才有赔偿金",
        "payment_in_lieu_of_notice": "只有依第四十条解除且未提前三十日书面通知的才有代通知金",
        "overtime_pay": "未填写加班小时数，或休息日加班已安排补休",
        "annual_leave_pay": "未填写应休未休年休假天数",
        "injury_medical_expenses": "未填写工伤医疗费",
        "injury_disability_subsidy": "未认定工伤或未鉴定伤残等级、未填写受伤前工资，或用人单位已参加工伤保险（由基金支付）",
        "injury_medical_subsidy": "须五至十级伤残且劳动关系已终止；用人单位已参保的由基金支付；福建按年龄和性别计发，须有年龄和性别",
        "injury_employment_subsidy": "须五至十级伤残且劳动关系已终止；福建按年龄和性别计发，须有年龄和性别",
    }
    return reasons[kind]


def _why_not_en(kind: str) -> str:
    return {
        "unpaid_wages": "no unpaid months given",
        "double_wages": "a written contract was signed within a month of hire, or work lasted under a month",
        "economic_compensation": "no termination given, or one that LCL art. 46 does not compensate",
        "damages": "only an unlawful termination (LCL art. 87) gives damages",
        "payment_in_lieu_of_notice": "only an art. 40 dismissal without 30 days' notice gives it",
        "overtime_pay": "no overtime hours given, or rest-day work repaid with time off",
        "annual_leave_pay": "no untaken leave days given",
        "injury_medical_expenses": "no medical expenses given",
        "injury_disability_subsidy": "no recognised, appraised injury with its wage, or the employer insured (the fund pays)",
        "injury_medical_subsidy": "needs grade 5-10 and an ended employment, an uninsured employer, and age and sex in Fujian",
        "injury_employment_subsidy": "needs grade 5-10 and an ended employment, and age and sex in Fujian",
    }[kind]


CALCULATORS = [
    Calculator(
        name="dispute-claims",
        title="劳动争议请求计算（要素式）",
        summary="从劳动争议的要素（入职与离职日期、工资、解除情形、是否签订书面合同、欠薪月份、加班、未休年休假、工伤医疗费"
        "及工伤认定、鉴定结果）得出法律支持的每一项请求，逐项用对应计算器（工伤待遇用 work-injury）计算金额，判断仲裁时效（劳动争议调解仲裁法第二十七条，含第四款）"
        "和是否一裁终局（第四十七条，逐项与当地月最低工资标准十二个月金额比较）。",
        input_model=DisputeClaimsIn,
        result_model=DisputeClaimsOut,
        compute=compute,
        references=[
            cite(ARBITRATION_LAW, "第二十七条、第四十七条"),
            cite(SPC_INTERPRETATION, "第十九条"),
        ],
        example={
            "region": "fujian.xiamen",
            "filed_on": "2026-03-02",
            "hire": "2024-05-06",
            "end": "2026-01-31",
            "monthly_wage": 6000,
            "termination": "unlawful",
            "signed": None,
            "unpaid_wages": [{"month": "2025-12", "amount": 6000}, {"month": "2026-01", "amount": 6000}],
            "overtime": {"weekday_hours": 36, "restday_hours": 16, "holiday_hours": 0},
            "unused_leave_days": 5,
            "local_minimum_wage": 2265,
            "local_avg_monthly_wage": 9000,
        },
    )
]
