"""The printable plan, through the platform's one document service (renshe.documents.doc).

Pure: takes a PlanResult, returns PDF bytes with the Chinese font embedded.
"""

from __future__ import annotations

from renshe.documents import doc as docs
from renshe.planner.core.explain import basis, ym_cn
from renshe.planner.core.models import Option, PlanResult
from renshe.rules import parameters


def _title(name: str) -> str:
    """A parameter's Chinese description (the dotted name is for maintainers)."""
    p = parameters.all_parameters().get(name)
    return p.spec.description if p else name


def _fmt(x: float | None, kind: str = "yuan") -> str:
    if x is None:
        return "—"
    if kind == "pct":
        return f"{x:.1%}"
    if kind == "age":
        return f"{x:g}岁"
    return f"{x:,.2f}"


def _option_rows(options: list[Option], rec: Option | None) -> list[list[str]]:
    best = sorted(options, key=lambda o: -o.lifetime_value)[:15]
    if rec and rec not in best:
        best = [rec, *best[:14]]
    return [
        [
            ("★ " if rec and o.key == rec.key else "") + o.label,
            _fmt(o.monthly_cost),
            _fmt(o.monthly_pension),
            _fmt(o.break_even_age, "age"),
            _fmt(o.irr, "pct"),
            _fmt(o.lifetime_value),
            "是" if o.affordable else "否",
        ]
        for o in best
    ]


def _recommendation(result: PlanResult) -> list[docs.Block]:
    rec = result.recommended
    if not rec:
        return []
    # each figure names the numbered steps of 计算依据 below that it rests on (explain.basis)
    numbers = {s.key: i for i, s in enumerate(result.trace, 1) if s.key}
    rests_on = basis(rec)

    def cited(figure: str, text: str) -> str:
        marks = "".join(f"[{n}]" for n in sorted(numbers[k] for k in set(rests_on[figure]) if k in numbers))
        return f"{text}　依据 {marks}" if text else f"依据 {marks}"

    figures = [
        ["每月缴费", _fmt(rec.monthly_cost) + " 元", cited("monthly_cost", rec.formulas.get("monthly_cost", ""))],
        ["缴费合计", _fmt(rec.total_cost) + " 元", cited("total_cost", rec.formulas.get("total_cost", ""))],
        ["开始领取", f"{ym_cn(rec.retire_month)}（{rec.retire_age:g}岁）", cited("retire_month", "")],
        ["每月养老金", _fmt(rec.monthly_pension) + " 元", cited("monthly_pension", rec.formulas.get("monthly_pension", ""))],
        ["回本年龄", _fmt(rec.break_even_age, "age"), cited("break_even_age", "")],
        ["内部收益率", _fmt(rec.irr, "pct"), cited("irr", "")],
        ["替代率", _fmt(rec.replacement_rate, "pct"), cited("replacement_rate", "")],
        ["终身净收益", _fmt(rec.lifetime_value) + " 元", cited("lifetime_value", rec.formulas.get("lifetime_value", ""))],
    ]
    return [docs.Para(rec.label, "strong"), docs.Grid(figures, widths=[25, 40, 115])]


def document(result: PlanResult) -> docs.Doc:
    """The plan as a Doc: recommendation, reasons, figures with formulas, options, legal basis."""
    labels = {"wage_growth": "工资年增长率", "interest": "记账利率", "indexation": "养老金调整", "discount_rate": "贴现率"}
    a = result.assumptions
    parts = [f"{v}{a[k]:.1%}" for k, v in labels.items()]
    parts += [f"预期寿命{a['life_expectancy']:g}岁", f"每人基本生活费{a['dependent_floor']:,.0f}元/月",
              f"缴费最多占余钱的{a['max_share']:.0%}"]
    basis_lines = []
    for n, s in enumerate(result.trace, 1):
        ref = s.reference
        cite = f"《{ref.document}》" + (f"（{ref.number}）" if ref.number else "") + (ref.article or "")
        unverified = [_title(p.name) for p in s.params if not p.verified]
        line = f"[{n}] {s.rule}。依据：{cite}"
        if unverified:
            line += f"。未经官方文本核实的参数：{'、'.join(unverified)}"
        basis_lines.append(docs.Para(line, "small"))
    head = ["方案", "月缴费", "月养老金", "回本年龄", "收益率", "终身净收益", "负担得起"]
    return docs.Doc(
        title="社保缴费规划报告",
        meta=["结果按测算假设估算，仅供参考，以社保经办机构核定为准。本报告不保存您的任何信息。"],
        author="福建人社 社保规划师",
        margins_mm=15,
        sections=[
            docs.Section("推荐方案", _recommendation(result)),
            docs.Section("理由", [docs.Para("· " + r) for r in result.reasons]),
            docs.Section(
                "主要方案比较（按终身净收益排序）",
                [docs.Grid(_option_rows(result.options, result.recommended), header=head,
                           widths=[60, 20, 22, 18, 16, 28, 16], small=True)],
            ),
            docs.Section("测算假设", [docs.Para("，".join(parts) + "。")]),
            docs.Section("计算依据", basis_lines),
        ],
    )


def report(result: PlanResult) -> bytes:
    """The plan as a PDF."""
    return docs.to_pdf(document(result))
