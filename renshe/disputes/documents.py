"""The case's papers as Docs (renshe.documents.doc): application, acceptance or non-acceptance
notice, hearing notice, mediation agreement (调解书) and the element-based award draft (要素式裁决书).

Each names the parties, the dates and the articles; the award draft lists the agreed elements,
the disputed ones with the findings, each claim with its computation and its article, and which
claims are final (劳动争议调解仲裁法第四十七条).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from renshe.documents.doc import Doc, Fields, Grid, Para, Section
from renshe.platform.accounts.masking import mask_id_number

from .core import elements
from .models import Case, Element
from .services import adopted_claims

KINDS = {
    "application": "仲裁申请书",
    "acceptance": "受理通知书",
    "non_acceptance": "不予受理通知书",
    "hearing": "开庭通知书",
    "agreement": "调解书",
    "award": "裁决书（草稿）",
}
ARB_LAW = "《中华人民共和国劳动争议调解仲裁法》"


def cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "____年__月__日"


def yuan(x: float) -> str:
    return f"{x:,.2f}元"


def _committee(case: Case) -> str:
    return f"{case.organisation.name.replace('人力资源和社会保障局', '')}劳动人事争议仲裁委员会"


def _parties(case: Case, *, mask: bool) -> Section:
    idn = mask_id_number(case.applicant_id_number) if mask else case.applicant_id_number
    rows = [
        ("申请人", case.applicant_name),
        ("公民身份号码", idn),
        ("住所", case.applicant_address or "—"),
        ("被申请人", case.respondent_name),
        ("统一社会信用代码", case.respondent_credit_code or "—"),
        ("住所", case.respondent_address or "—"),
        ("法定代表人", case.respondent_representative or "—"),
    ]
    return Section("当事人", [Fields(rows)])


def _requests(case: Case) -> list[str]:
    from renshe.rules.labour.claims_law import CLAIMS

    amounts = {c["kind"]: c["amount"] for c in adopted_claims(case)}
    return [
        f"{i}. 请求裁决被申请人支付{CLAIMS[k].label}" + (f" {yuan(amounts[k])}" if k in amounts else "")
        for i, k in enumerate(case.requested, 1)
    ]


def application(case: Case, **_: Any) -> Doc:
    statements = [
        (elements.ELEMENTS[e.key].label, e.applicant_says or "—") for e in case.elements.order_by("id") if e.applicant_says
    ]
    return Doc(
        title="劳动人事争议仲裁申请书",
        meta=[case.number, f"收到日期：{cn_date(case.received_on)}"],
        sections=[
            _parties(case, mask=False),
            Section("仲裁请求", [Para(r) for r in _requests(case)]),
            Section("事实和理由", [Para(case.facts or "—"), Fields(statements)]),
            Section("证据", [Para(f"{i}. {e.name}") for i, e in enumerate(case.evidence.all(), 1)] or [Para("无")]),
            Section(None, [Para(f"此致\n{_committee(case)}"), Para(f"申请人：{case.applicant_name}\n{cn_date(case.received_on)}", "right")]),
        ],
    )


def acceptance(case: Case, **_: Any) -> Doc:
    return Doc(
        title="受理通知书",
        meta=[case.number],
        sections=[
            Section(None, [
                Para(f"{case.applicant_name}："),
                Para(
                    f"你（单位）与{case.respondent_name}劳动人事争议一案的仲裁申请，本委于{cn_date(case.received_on)}收到，"
                    f"经审查，符合受理条件，决定于{cn_date(case.accepted_on)}立案受理。"
                    f"仲裁庭应当自受理之日起四十五日内结束裁决；案情复杂需要延期的，经批准可以延期，延长期限不得超过十五日"
                    f"（{ARB_LAW}第二十九条、第四十三条）。"
                ),
                Para(f"{_committee(case)}\n{cn_date(case.accepted_on)}", "right"),
            ])
        ],
    )


def non_acceptance(case: Case, *, reason: str = "", **_: Any) -> Doc:
    return Doc(
        title="不予受理通知书",
        meta=[case.number],
        sections=[
            Section(None, [
                Para(f"{case.applicant_name}："),
                Para(
                    f"你于{cn_date(case.received_on)}提出的仲裁申请，经审查不符合受理条件，理由：{reason or '—'}。"
                    f"根据{ARB_LAW}第二十九条，本委决定不予受理。对不予受理决定不服的，可以就该劳动争议事项向人民法院提起诉讼。"
                ),
                Para(f"{_committee(case)}\n{cn_date(case.closed_on)}", "right"),
            ])
        ],
    )


def hearing(case: Case, *, place: str = "本委仲裁庭", **_: Any) -> Doc:
    return Doc(
        title="开庭通知书",
        meta=[case.number],
        sections=[
            Section(None, [
                Para(f"{case.applicant_name}、{case.respondent_name}："),
                Para(
                    f"本委受理的{case.applicant_name}与{case.respondent_name}劳动人事争议一案，定于{cn_date(case.hearing_on)}在{place}开庭审理。"
                    f"当事人有正当理由的，可以在开庭三日前请求延期开庭（{ARB_LAW}第三十五条）。"
                    f"申请人无正当理由拒不到庭的，可以视为撤回仲裁申请；被申请人无正当理由拒不到庭的，可以缺席裁决（第三十六条）。"
                ),
                Para(_committee(case), "right"),
            ])
        ],
    )


def _claims_grid(case: Case, with_final: bool) -> Grid:
    rows = []
    for c in adopted_claims(case):
        formula = next((s.get("formula") for s in reversed(c["trace"]) if s.get("formula")), "") or ""
        row = [c["label"], yuan(c["amount"]), formula, "；".join(c["basis"][:-1]) or "—"]
        if with_final:
            row.append(("终局" if c["final_award"] else "非终局") + ("" if c["within_limitation"] else "（超过时效）"))
        rows.append(row)
    header = ["请求", "金额", "计算", "依据"] + (["裁决性质"] if with_final else [])
    return Grid(rows or [["—"] * len(header)], header=header, widths=[32, 25, 53, 40, 20] if with_final else [35, 28, 60, 47], small=True)


def agreement(case: Case, **_: Any) -> Doc:
    return Doc(
        title="调解书",
        meta=[case.number],
        sections=[
            _parties(case, mask=True),
            Section("案由", [Para(f"{case.get_dispute_type_display()}争议，本委于{cn_date(case.accepted_on or case.received_on)}受理。")]),
            Section("经本委主持调解，双方当事人自愿达成如下协议", [Para(case.agreement_terms or "—")]),
            Section("依法计算的各项请求（供参考）", [_claims_grid(case, with_final=False)]),
            Section(None, [
                Para(f"本调解书经双方当事人签收后，即发生法律效力（{ARB_LAW}第四十二条）。"),
                Para("申请人（签名）：__________　　被申请人（盖章）：__________"),
                Para(f"{_committee(case)}\n{cn_date(case.mediated_on)}", "right"),
            ]),
        ],
    )


def award(case: Case, **_: Any) -> Doc:
    els = list(case.elements.order_by("id"))
    agreed = [[elements.ELEMENTS[e.key].label, elements.display(e.key, e.value)] for e in els
              if e.status in {Element.Status.AGREED}]
    disputed = [
        [elements.ELEMENTS[e.key].label, e.applicant_says or "—", e.respondent_says or "—",
         (e.finding or "—") + f"（认定：{elements.display(e.key, e.value)}）"]
        for e in els if e.status in {Element.Status.DISPUTED, Element.Status.PROVEN}
    ]
    claims = case.claims or {}
    all_final = bool(adopted_claims(case)) and all(c["final_award"] for c in adopted_claims(case))
    return Doc(
        title="裁决书（要素式，草稿）",
        meta=[case.number],
        sections=[
            _parties(case, mask=True),
            Section("仲裁请求", [Para(r) for r in _requests(case)]),
            Section("无争议要素", [Grid(agreed or [["—", "—"]], header=["要素", "内容"], widths=[60, 110])]),
            Section("争议要素及查明情况", [Grid(disputed or [["—"] * 4], header=["要素", "申请人主张", "被申请人主张", "查明"], widths=[30, 40, 40, 60], small=True)]),
            Section("裁决理由及各项请求的计算", [
                _claims_grid(case, with_final=True),
                Para(f"一裁终局的金额界限：当地月最低工资标准十二个月金额 {yuan(claims.get('final_award_limit', 0))}，逐项比较"
                     f"（{ARB_LAW}第四十七条；《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第十九条）。", "small"),
            ]),
            Section("裁决", [Para(f"被申请人应于本裁决生效之日起十日内支付申请人上列各项合计 {yuan(sum(c['amount'] for c in adopted_claims(case) if c['within_limitation']))}。")]),
            Section(None, [
                Para("本裁决为终局裁决，自作出之日起发生法律效力。劳动者不服的，可以自收到裁决书之日起十五日内向人民法院提起诉讼（第四十八条）。"
                     if all_final else
                     "标明“终局”的裁决事项自作出之日起发生法律效力；对其他事项不服的，当事人可以自收到裁决书之日起十五日内向人民法院提起诉讼（第四十八条、第五十条）。"),
                Para(_committee(case), "right"),
            ]),
        ],
    )


BUILDERS = {
    "application": application,
    "acceptance": acceptance,
    "non_acceptance": non_acceptance,
    "hearing": hearing,
    "agreement": agreement,
    "award": award,
}
