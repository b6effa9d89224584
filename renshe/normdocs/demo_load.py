"""Demo register: 15 made-up documents of the department (marked 演示数据) in every state.

Titles follow the department's own documents; numbers, dates, reviews, filings and
clean-up decisions are invented. Idempotent: a document whose title is already in the
register is left alone. Deadlines are tracked as the workflow tracks them, so the
expiry list, the overdue-filing list and the statistics have something to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import record
from renshe.platform.lawcalendar import service as deadlines

from .core import periods
from .models import CleanupDecision, Filing, LegalityReview, NormativeDocument
from .service import state

D = dt.date
DEPARTMENT = ("350000", "福建省人力资源和社会保障厅")
#: code → name, as in the platform's organisation data (fujian_organisations.yaml).
DIVISIONS = {
    "350000-fgc": "法规处",
    "350000-ldgxc": "劳动关系处",
    "350000-jcj": "劳动保障监察局",
    "350000-tjzcc": "调解仲裁管理处",
    "350000-ylbxc": "养老保险处",
    "350000-gsbxc": "工伤保险处",
}
FILED_WITH = "福建省人民政府"


@dataclass(frozen=True)
class Demo:
    title: str
    division: str
    status: str
    review: tuple[D, D | None, str] | None = None  # started, finished, result ("" while open)
    published: tuple[str, D, D, D] | None = None  # number, published_on, effective_from, valid_until
    filed_on: D | None = None
    cleanup: tuple[int, str, str] | None = None  # year, decision, reason


DOCUMENTS = [
    Demo(
        "福建省企业职工基本养老保险病残津贴暂行办法",
        "350000-ylbxc",
        "filed",
        (D(2025, 2, 10), D(2025, 2, 24), "pass"),
        ("闽人社规〔2025〕1号", D(2025, 3, 20), D(2025, 5, 1), D(2027, 4, 30)),
        D(2025, 4, 10),
    ),
    Demo(
        "关于贯彻实施《福建省人力资源市场条例》的意见",
        "350000-ldgxc",
        "filed",
        (D(2025, 5, 12), D(2025, 5, 26), "pass"),
        ("闽人社规〔2025〕2号", D(2025, 6, 18), D(2025, 7, 1), D(2030, 6, 30)),
        D(2025, 7, 8),
    ),
    Demo(
        "福建省劳动人事争议仲裁要素式办案规程（试行）",
        "350000-tjzcc",
        "filed",
        (D(2025, 8, 4), D(2025, 8, 18), "pass"),
        ("闽人社规〔2025〕3号", D(2025, 9, 5), D(2025, 10, 1), D(2027, 9, 30)),
        D(2025, 9, 26),
    ),
    Demo(
        "福建省工程建设领域农民工工资专用账户管理实施细则",
        "350000-jcj",
        "filed",
        (D(2025, 9, 1), D(2025, 9, 19), "pass"),
        ("闽人社规〔2025〕4号", D(2025, 10, 20), D(2025, 12, 1), D(2030, 11, 30)),
        D(2025, 12, 2),
    ),
    Demo(
        "福建省人社领域行政执法裁量权基准",
        "350000-fgc",
        "filed",
        (D(2025, 10, 20), D(2025, 11, 7), "pass"),
        ("闽人社规〔2025〕5号", D(2025, 11, 28), D(2026, 1, 1), D(2030, 12, 31)),
        D(2025, 12, 15),
    ),
    Demo(
        "福建省工伤保险待遇调整和确定机制实施办法",
        "350000-gsbxc",
        "retained",
        (D(2021, 12, 1), D(2021, 12, 15), "pass"),
        ("闽人社规〔2022〕1号", D(2022, 1, 10), D(2022, 2, 1), D(2027, 1, 31)),
        D(2022, 1, 25),
        (2025, "retain", "与现行法律法规一致，继续施行"),
    ),
    Demo(
        "福建省劳动保障监察“双随机、一公开”抽查工作细则",
        "350000-jcj",
        "filed",
        (D(2022, 1, 17), D(2022, 2, 8), "pass"),
        ("闽人社规〔2022〕2号", D(2022, 3, 1), D(2022, 3, 1), D(2027, 2, 28)),
        D(2022, 3, 18),
    ),
    Demo(
        "福建省失业保险稳岗返还经办规程",
        "350000-ylbxc",
        "repealed",
        (D(2022, 4, 6), D(2022, 4, 20), "pass"),
        ("闽人社规〔2022〕3号", D(2022, 5, 10), D(2022, 6, 1), D(2027, 5, 31)),
        D(2022, 5, 31),
        (2025, "repeal", "已被新的稳岗返还政策文件替代"),
    ),
    Demo(
        "福建省企业职工基本养老保险遗属待遇暂行办法",
        "350000-ylbxc",
        "expired",
        (D(2022, 5, 5), D(2022, 5, 19), "pass"),
        ("闽人社规〔2022〕4号", D(2022, 6, 1), D(2022, 7, 1), D(2024, 6, 30)),
        D(2022, 6, 20),
        (2025, "declare_expired", "有效期已届满，未重新制定"),
    ),
    Demo(
        "福建省工伤认定工作规程",
        "350000-gsbxc",
        "amended",
        (D(2022, 7, 4), D(2022, 7, 18), "pass"),
        ("闽人社规〔2022〕5号", D(2022, 8, 1), D(2022, 9, 1), D(2027, 8, 31)),
        D(2022, 8, 19),
        (2025, "amend", "与修订后的工伤认定办法衔接，部分条款需修改"),
    ),
    Demo(
        "福建省新就业形态劳动者权益保障工作指引",
        "350000-ldgxc",
        "published",
        (D(2026, 8, 3), D(2026, 8, 17), "pass"),
        ("闽人社规〔2026〕2号", D(2026, 9, 15), D(2026, 10, 1), D(2031, 9, 30)),
    ),
    Demo(
        "福建省人力资源服务机构告知承诺核查和年度报告办法",
        "350000-ldgxc",
        "approved",
        (D(2026, 10, 12), D(2026, 10, 26), "pass"),
    ),
    Demo("福建省劳动人事争议调解组织建设规范", "350000-tjzcc", "under_review", (D(2026, 11, 16), None, "")),
    Demo(
        "关于规范劳务派遣用工若干问题的意见",
        "350000-ldgxc",
        "draft",
        (D(2026, 9, 1), D(2026, 9, 10), "revise"),
    ),
    Demo("福建省职业伤害保障试点经办规程（试行）", "350000-gsbxc", "draft"),
]

OPINIONS = {
    "pass": "经审核，制定主体、权限、程序和内容符合法律、法规、规章规定，同意提交厅务会审议。",
    "revise": "第五条增设了用人单位的备案义务，缺乏上位法依据，请删除或补充依据后再报。",
}


def _organisations() -> dict[str, Organisation]:
    dept, _ = Organisation.objects.get_or_create(
        code=DEPARTMENT[0], defaults={"name": DEPARTMENT[1], "kind": Organisation.Kind.DEPARTMENT}
    )
    return {
        code: Organisation.objects.get_or_create(
            code=code, defaults={"name": name, "kind": Organisation.Kind.DIVISION, "parent": dept}
        )[0]
        for code, name in DIVISIONS.items()
    }


def _load_one(spec: Demo, division: Organisation) -> None:
    doc = NormativeDocument.objects.create(
        title=spec.title,
        drafting_division=division,
        status=spec.status,
        text=f"演示数据：本文件为平台演示而虚构，不是福建省人力资源和社会保障厅的真实文件。\n\n{spec.title}（正文略）",
        demo=True,
    )
    if spec.review:
        started, finished, result = spec.review
        review = LegalityReview.objects.create(
            document=doc,
            started_on=started,
            finished_on=finished,
            result=result,
            opinion=OPINIONS.get(result, ""),
        )
        length = int(periods.review_length(started).value)
        review.deadline = deadlines.track(review, None, started, working_days=length)
        review.save(update_fields=["deadline"])
        if finished:
            deadlines.close(review.deadline)
    if spec.published:
        doc.number, doc.published_on, doc.effective_from, doc.valid_until = spec.published
        length = int(periods.param(periods.FILING, doc.published_on).value)
        doc.filing_deadline = deadlines.track(doc, None, doc.published_on, days=length)
        doc.save()
        if spec.filed_on:
            Filing.objects.create(
                document=doc,
                filed_with=FILED_WITH,
                filed_on=spec.filed_on,
                due_on=doc.filing_deadline.due,
                receipt=f"闽规备〔{spec.filed_on.year}〕{doc.pk:03d}号（演示）",
            )
            deadlines.close(doc.filing_deadline)
    if spec.cleanup:
        year, decision, reason = spec.cleanup
        CleanupDecision.objects.create(
            document=doc, year=year, decision=decision, reason=reason, decided_on=D(year, 12, 10)
        )
    record(None, doc, "demo", after=state(doc), note="载入演示数据")


def load(stdout) -> None:
    divisions = _organisations()
    existing = set(NormativeDocument.objects.filter(demo=True).values_list("title", flat=True))
    added = 0
    for spec in DOCUMENTS:
        if spec.title not in existing:
            _load_one(spec, divisions[spec.division])
            added += 1
    stdout.write(f"行政规范性文件演示数据：新增 {added} 件，共 {len(DOCUMENTS)} 件")
