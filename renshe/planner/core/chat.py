"""Optional questions about one's own plan, answered by an OpenAI-compatible model (``RENSHE_LLM_URL``)
from the plan's own figures, its legal trace and the articles the trace cites — nothing else.

The model sees the sources numbered [1]…[k] and must end every sentence with the numbers it
rests on; an answer with a sentence that cites nothing, or cites a number it was not given,
is discarded (the same rule as the 云普法 answer, :mod:`renshe.knowledge.core.answer`). Without a
model, or when it fails, the plan with its trace is the answer, as it always is on the page.
Pure: no Django; nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from renshe.knowledge.core import library
from renshe.knowledge.core.answer import cited_completion
from renshe.planner.core.models import PlanResult

SYSTEM = (
    "你是社保缴费规划的解释助手。只能依据用户提供的编号材料（测算结果、计算依据和法律条文）回答关于这份方案的问题，"
    "用通俗的中文，每一句话末尾用方括号注明所依据的材料编号，如[1]或[2][5]；不得引用未提供的材料，不得编造数字或规定。"
    "测算结果是按假设估算的，不是经办机构的核定。材料不足以回答时，就说“所提供的材料不足以回答这个问题”并注明最接近的材料编号。"
)
#: the longest question accepted (API, page)
MAX_QUESTION = 300
#: the most articles quoted to the model (the trace cites about a dozen)
MAX_ARTICLES = 12
_ARTICLE = re.compile(r"第([零〇一二两三四五六七八九十百]+)条")
#: a numbered point of a notice or decision (style ``item``), as in “六、养老保险待遇及调整；七、……”
_ITEM = re.compile(r"(?:^|[；;，,\s])([零〇一二两三四五六七八九十百]+)、")


@dataclass(frozen=True)
class Source:
    """One numbered piece the model may rely on."""

    label: str
    text: str


@dataclass(frozen=True)
class ChatAnswer:
    text: str
    cited: list[Source]


def _result_source(result: PlanResult) -> Source:
    r = result.recommended
    if r is None:
        return Source("测算结果", "没有推荐的方案。理由：" + "".join(result.reasons))
    figures = [
        f"推荐方案：{r.label}",
        f"每月缴费 {r.monthly_cost:.2f} 元（{r.formulas.get('monthly_cost', '')}）",
        f"每月养老金约 {r.monthly_pension:.2f} 元（{r.formulas.get('monthly_pension', '')}）",
        f"从 {r.retire_month} 起领取，届时 {r.retire_age} 岁；还需缴费 {r.months} 个月",
        f"缴费合计 {r.total_cost:.2f} 元；终身净收益 {r.lifetime_value:.2f} 元（{r.formulas.get('lifetime_value', '')}）",
        f"回本年龄 {r.break_even_age if r.break_even_age is not None else '无'}；内部收益率 "
        f"{r.irr if r.irr is not None else '无'}；替代率 {r.replacement_rate if r.replacement_rate is not None else '无'}",
        f"每月可用于缴费 {result.disposable:.2f} 元；比较了 {len(result.options)} 个方案",
        "理由：" + "".join(result.reasons),
    ]
    return Source("测算结果", "；".join(figures))


def _articles(result: PlanResult, on: dt.date) -> list[Source]:
    """The text, in force on ``on``, of each article the trace cites and the library holds."""
    out: list[Source] = []
    seen: set[tuple[str, int]] = set()
    for step in result.trace:
        ref = step.reference
        doc = library.find(ref.document)
        if doc is None or not ref.article:
            continue
        numerals = _ARTICLE.findall(ref.article)
        if not numerals and doc.style == "item":
            numerals = _ITEM.findall(ref.article)
        for numeral in numerals:
            n = library.cn_number(numeral)
            art = doc.article(n)
            if art is None or (doc.slug, n) in seen or len(out) >= MAX_ARTICLES:
                continue
            seen.add((doc.slug, n))
            text = art.text_on(on)
            if text:
                out.append(Source(f"《{doc.title}》{art.label(doc.style)}", text))
    return out


def sources(result: PlanResult, on: dt.date) -> list[Source]:
    """The plan's figures, each step of its trace, then the cited articles' texts."""
    steps = [
        Source(
            step.reference.cite(),
            step.rule + (f"。算式：{step.formula}" if step.formula else "")
            + ("。所用数值：" + "，".join(f"{p.name}={p.value}" for p in step.params) if step.params else ""),
        )
        for step in result.trace
    ]
    return [_result_source(result), *steps, *_articles(result, on)]


def _prompt(question: str, numbered: list[Source]) -> str:
    lines = "\n".join(f"[{n}]{s.label}：{s.text}" for n, s in enumerate(numbered, 1))
    return f"问题：{question}\n\n材料：\n{lines}"


def ask(question: str, result: PlanResult, on: dt.date, url: str, model: str = "qwen",
        timeout: float = 20.0) -> ChatAnswer | None:
    """The model's answer with the sources it cites; None without a model or a fully cited answer."""
    if not url or not question.strip():
        return None
    numbered = sources(result, on)
    got = cited_completion(SYSTEM, _prompt(question.strip(), numbered), len(numbered), url, model, timeout)
    if got is None:
        return None
    text, cited = got
    return ChatAnswer(text=text, cited=[numbered[n - 1] for n in cited])
