"""The statistical tables of the 政府信息公开工作年度报告, in the national template's layout.

《中华人民共和国政府信息公开条例》第五十条 says what the annual report contains and that the
national authority publishes its uniform format; that format is 《中华人民共和国政府信息公开工作
年度报告格式》(国务院办公厅政府信息与政务公开办公室, 国办公开办函〔2021〕30号, 2021-09-26).

Verification: a search of public pages found the notice itself (number, date, its basis in
art. 50) and the head of table 二 (第二十条第（一）项: 本年制发件数 / 本年废止件数 / 现行有效件数;
规章 / 行政规范性文件; 第（五）项 行政许可 本年处理决定数量). The rows of tables 三 and 四 below
are written from the template as agencies publish it every year; the full attachment text could
not be retrieved here, so their wording is **not verified word for word** (``VERIFIED`` says so
and the page shows it).

Counting (the template's own arithmetic): 本年新收 = applications received in the year;
上年结转 = received earlier and not yet answered on 1 January; 办理结果 = applications answered
in the year, one outcome each (部分公开 counts only as such); 结转下年度 = 新收 + 结转 − 总计.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

VERIFIED = False
TEMPLATE = "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"

#: Table 三's columns: the applicant's kind.
APPLICANTS: dict[str, str] = {
    "natural": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
}

#: Table 三's result rows: code → (group, label). Order is the template's.
OUTCOMES: dict[str, tuple[str, str]] = {
    "disclose": ("（一）予以公开", ""),
    "partial": ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    "refuse_secret": ("（三）不予公开", "1.属于国家秘密"),
    "refuse_law": ("（三）不予公开", "2.其他法律行政法规禁止公开"),
    "refuse_safety": ("（三）不予公开", "3.危及“三安全一稳定”"),
    "refuse_third_party": ("（三）不予公开", "4.保护第三方合法权益"),
    "refuse_internal": ("（三）不予公开", "5.属于三类内部事务信息"),
    "refuse_process": ("（三）不予公开", "6.属于四类过程性信息"),
    "refuse_enforcement": ("（三）不予公开", "7.属于行政执法案卷"),
    "refuse_query": ("（三）不予公开", "8.属于行政查询事项"),
    "unable_none": ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unable_make": ("（四）无法提供", "2.没有现成信息需要另行制作"),
    "unable_unclear": ("（四）无法提供", "3.补正后申请内容仍不明确"),
    "ignore_petition": ("（五）不予处理", "1.信访举报投诉类申请"),
    "ignore_repeat": ("（五）不予处理", "2.重复申请"),
    "ignore_publication": ("（五）不予处理", "3.要求提供公开出版物"),
    "ignore_excessive": ("（五）不予处理", "4.无正当理由大量反复申请"),
    "ignore_confirm": ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    "other_no_completion": ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    "other_no_fee": ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "other_other": ("（六）其他处理", "3.其他"),
}

#: Table 四: kinds of challenge and their results.
CHALLENGES = {"review": "行政复议", "suit_direct": "行政诉讼·未经复议直接起诉", "suit_after_review": "行政诉讼·复议后起诉"}
CHALLENGE_RESULTS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}

#: Table 二's document rows (the platform keeps these in the proactive catalogue).
DOCUMENT_KINDS = {"rule": "规章", "normative": "行政规范性文件"}


@dataclass(frozen=True)
class Application:
    applicant: str  # an APPLICANTS key
    received_on: dt.date
    replied_on: dt.date | None
    outcome: str  # an OUTCOMES key once replied, else ""
    challenge: str = ""  # a CHALLENGES key, or ""
    challenge_result: str = ""  # a CHALLENGE_RESULTS key


@dataclass(frozen=True)
class Document:
    kind: str  # a DOCUMENT_KINDS key
    issued_on: dt.date
    repealed_on: dt.date | None


@dataclass(frozen=True)
class Line:
    label: str
    cells: dict[str, int]  # APPLICANTS key → count, plus "total"


def _line(label: str, counter: Counter) -> Line:
    cells = {k: counter.get(k, 0) for k in APPLICANTS}
    cells["total"] = sum(cells.values())
    return Line(label, cells)


def table_three(apps: Iterable[Application], year: int) -> list[Line]:
    """收到和处理政府信息公开申请情况 for ``year``."""
    jan1, next_jan1 = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    apps = list(apps)
    new = Counter(a.applicant for a in apps if jan1 <= a.received_on < next_jan1)
    carried = Counter(
        a.applicant for a in apps if a.received_on < jan1 and (a.replied_on is None or a.replied_on >= jan1)
    )
    done = [a for a in apps if a.replied_on is not None and jan1 <= a.replied_on < next_jan1 and a.outcome]
    lines = [_line("一、本年新收政府信息公开申请数量", new), _line("二、上年结转政府信息公开申请数量", carried)]
    seen_groups: set[str] = set()
    for code, (group, item) in OUTCOMES.items():
        if item and group not in seen_groups:
            seen_groups.add(group)
            lines.append(Line(f"三、本年度办理结果 {group}", {}))  # a heading: its items carry the figures
        counter = Counter(a.applicant for a in done if a.outcome == code)
        lines.append(_line(f"三、本年度办理结果 {group}{(' ' + item) if item else ''}", counter))
    total = Counter(a.applicant for a in done)
    lines.append(_line("三、本年度办理结果 （七）总计", total))
    lines.append(_line("四、结转下年度继续办理", new + carried - total))
    return lines


def table_four(apps: Iterable[Application], year: int) -> dict[str, dict[str, int]]:
    """政府信息公开行政复议、行政诉讼情况: challenges to replies given in ``year``."""
    out = {k: {r: 0 for r in (*CHALLENGE_RESULTS, "total")} for k in CHALLENGES}
    for a in apps:
        if a.challenge and a.replied_on and a.replied_on.year == year:
            out[a.challenge][a.challenge_result or "pending"] += 1
            out[a.challenge]["total"] += 1
    return out


def table_two(docs: Iterable[Document], year: int) -> dict[str, dict[str, int]]:
    """主动公开政府信息情况, 第二十条第（一）项: documents issued, repealed and in force in ``year``."""
    end = dt.date(year, 12, 31)
    out = {k: {"issued": 0, "repealed": 0, "in_force": 0} for k in DOCUMENT_KINDS}
    for d in docs:
        row = out[d.kind]
        row["issued"] += d.issued_on.year == year
        row["repealed"] += d.repealed_on is not None and d.repealed_on.year == year
        row["in_force"] += d.issued_on <= end and (d.repealed_on is None or d.repealed_on > end)
    return out
