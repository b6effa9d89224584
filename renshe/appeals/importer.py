"""Bulk import of a 12345 work-order export (Excel): validated row by row, routed, recorded.

The export's columns (a header row, then one work order a row) — names as the hotline's
export labels them; the official export layout was not available, so the columns are the
platform's, listed in :data:`COLUMNS` and in the template :func:`template_xlsx` writes:
工单编号, 受理日期, 诉求人, 联系电话, 诉求类别, 发生地代码, 诉求内容, and optionally 工程项目,
欠薪单位, 欠薪金额（元）, 涉及人数, 原工单编号 (a repeat of an earlier work order).

Every bad row is reported with the row number the file shows (header = row 1), the column and
the reason; the good rows are still imported. Importing the same file again changes nothing:
a work order already on record (channel 12345 and its number) is skipped. Rows are routed with
one rules index and written with a few bulk statements, each with its hand-over and its
acceptance clock (the kernel's :func:`renshe.platform.workflow.clocks.start_many`). The import is
one act, audited once: an :class:`~renshe.appeals.models.ImportBatch` records who imported which
file and how many rows were imported, already on record or rejected; each request names its
batch, and the clocks' start is audited on the batch too.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connection, transaction
from openpyxl import Workbook, load_workbook

from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import record, snapshot
from renshe.platform.workflow import clocks
from renshe.rules.errors import RulesError

from .core.intake import validate
from .core.routing import CATEGORIES
from .core.workflow import start_clock
from .models import Appeal, Channel, Handover, ImportBatch
from .services import (
    HOTLINE_REGION,
    REPEAT_WINDOW_DAYS,
    acceptance_due,
    desks,
    number_for,
    placement,
    rules_index,
)

COLUMNS = {
    "工单编号": "external_id", "受理日期": "received_on", "诉求人": "name", "联系电话": "phone",
    "诉求类别": "category", "发生地代码": "place", "诉求内容": "content", "工程项目": "project",
    "欠薪单位": "employer", "欠薪金额（元）": "amount", "涉及人数": "workers", "原工单编号": "repeat_of",
}
REQUIRED = ("工单编号", "受理日期", "诉求人", "联系电话", "诉求类别", "发生地代码", "诉求内容")
CATEGORY_BY_NAME = {v: k for k, v in CATEGORIES.items()} | {"欠薪": "wage_arrears", "社保": "social_insurance",
                                                            "工伤": "work_injury", "劳动合同": "labour_contract"}
MAX_ROWS = 100_000


@dataclass
class Result:
    imported: int = 0
    already: int = 0
    batch_id: int | None = None
    rejects: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, reason)

    def as_dict(self) -> dict[str, Any]:
        return {"imported": self.imported, "already": self.already, "rejected": len(self.rejects),
                "rejects": [{"row": r, "column": c, "reason": why} for r, c, why in self.rejects]}


def _date(v: Any) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v).strip()[:10])


def _row(values: dict[str, Any]) -> dict[str, Any]:
    """One row's fields as the intake model takes them (raises ValueError naming the column)."""
    out: dict[str, Any] = {}
    for col, name in COLUMNS.items():
        v = values.get(col)
        out[name] = "" if v is None else (v if isinstance(v, dt.date | int | float) else str(v).strip())
    cat = out["category"]
    out["category"] = CATEGORY_BY_NAME.get(cat, cat)
    out["place"] = str(out["place"]).split(".")[0]
    out["phone"] = str(out["phone"]).split(".")[0]
    out["external_id"] = str(out["external_id"]).split(".")[0] if isinstance(out["external_id"], float) \
        else str(out["external_id"])
    try:
        out["amount"] = Decimal(str(out["amount"])).quantize(Decimal("0.01")) if out["amount"] != "" else None
    except InvalidOperation:
        raise ValueError("欠薪金额（元）|应为金额") from None
    out["workers"] = int(float(out["workers"])) if out["workers"] != "" else None
    return out


def read(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """The rows of the workbook's first sheet, by the row number Excel shows (header = row 1)."""
    try:
        ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise RulesError.of("file", "文件不是有效的 Excel（.xlsx）工作簿", "the file is not an Excel .xlsx workbook") from None
    rows = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RulesError.of("file", f"缺少列：{'、'.join(missing)}", f"missing columns: {', '.join(missing)}")
    out = []
    for n, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        out.append((n, dict(zip(header, values, strict=False))))
        if len(out) > MAX_ROWS:
            raise RulesError.of("file", f"一次最多导入 {MAX_ROWS} 行", f"at most {MAX_ROWS} rows at a time")
    return out


def import_rows(rows: list[tuple[int, dict[str, Any]]], actor: Any = None, source: str = "") -> Result:
    """Validate, de-duplicate, route and record the work orders; bad rows go to the rejects.

    ``source`` (the file's name) is kept on the batch's record."""
    result = Result()
    index, known = rules_index(), desks()
    offices = {o.code: o for o in Organisation.objects.filter(code__in=index.offices)}
    have = set(Appeal.objects.filter(channel=Channel.HOTLINE).values_list("external_id", flat=True))
    good: list[tuple[int, dict[str, Any], dt.date, str]] = []
    seen: set[str] = set()
    for n, values in rows:
        try:
            raw = _row(values)
            received = _date(raw.pop("received_on"))
        except (ValueError, TypeError) as exc:
            col, _, why = str(exc).partition("|")
            result.rejects.append((n, col if why else "受理日期", why or "日期格式应为 YYYY-MM-DD"))
            continue
        ext, repeat_of = raw.pop("external_id"), raw.pop("repeat_of")
        if not ext:
            result.rejects.append((n, "工单编号", "请填写"))
            continue
        if ext in have:
            result.already += 1
            continue
        if ext in seen:
            result.rejects.append((n, "工单编号", f"与本文件前面的行重复：{ext}"))
            continue
        try:
            fields = validate(raw).model_dump()
        except RulesError as exc:
            for p in exc.problems:
                result.rejects.append((n, p.zh.split("：", 1)[0], p.zh.split("：", 1)[-1]))
            continue
        seen.add(ext)
        good.append((n, {**fields, "external_id": ext}, received, str(repeat_of)))
    routed = index.route_many([(g[1]["category"], g[1]["place"]) for g in good])
    with transaction.atomic():
        _write(good, routed, offices, known, actor, result, source)
    return result


def _write(good, routed, offices, known, actor, result: Result, source: str) -> None:
    firsts = _firsts(good)
    by_ext = dict(Appeal.objects.filter(channel=Channel.HOTLINE, external_id__in=[g[3] for g in good if g[3]])
                  .values_list("external_id", "pk"))
    dues: dict[tuple[str, dt.date], Any] = {}
    placed: dict[str, tuple[Any, ...]] = {}
    new: list[Appeal] = []
    for (n, fields, received, original), r in zip(good, routed, strict=True):
        if isinstance(r, RulesError):
            result.rejects.append((n, "发生地代码", r.problems[0].zh))
            continue
        if r.reason not in placed:
            placed[r.reason] = placement(offices[r.office], r.reason, known)
        org, owner, pending, how = placed[r.reason]
        key = (Channel.HOTLINE, received)
        if key not in dues:
            dues[key] = acceptance_due(Channel.HOTLINE, received)
        due = dues[key]
        new.append(Appeal(number=f"tmp-{fields['external_id']}"[:24], channel=Channel.HOTLINE, organisation=org,
                          owner=owner, pending_org=pending, received_on=received, acceptance_due=due.due,
                          clock_basis=due.basis, routed_by=how[:200],
                          repeat_of_id=by_ext.get(original) or firsts.get((fields["phone"], fields["category"],
                                                                           fields["place"], fields["external_id"])),
                          **fields))
    for a, pk in zip(new, reserve_ids(len(new)), strict=True):
        a.pk = pk
        a.number = number_for(a)
    _link_repeats_within(new)
    who = actor if getattr(actor, "is_authenticated", False) else None
    batch = ImportBatch.objects.create(actor=who, source=source[:200], imported=len(new), already=result.already,
                                       rejected=len(result.rejects))
    started = clocks.start_many([(a, a.received_on) for a in new], start_clock(Channel.HOTLINE), actor=who,
                                batch=batch, region=HOTLINE_REGION)
    for a, c in zip(new, started, strict=True):
        a.clock_id, a.import_batch = c.pk, batch
    Appeal.objects.bulk_create(new, batch_size=2000)
    Handover.objects.bulk_create([Handover(appeal=a, kind=Handover.Kind.RECEIVE, to_user=a.owner,
                                           to_org=a.organisation, note=a.routed_by) for a in new], batch_size=2000)
    record(who, batch, "import", after=snapshot(batch),
           note=(f"导入12345工单{len(new)}条（{source or '未命名文件'}），已在册{result.already}条，未导入"
                 f"{len(result.rejects)}条；每条按分办规则分办，由承办单位的登记岗首问负责"))
    result.imported, result.batch_id = len(new), batch.pk


def reserve_ids(n: int) -> list[int]:
    """``n`` fresh ids for requests, so their numbers are known before the one bulk insert.

    PostgreSQL hands them out from the table's sequence (safe alongside other writers); SQLite
    has one writer at a time and this runs inside its write transaction, so max + 1 … is safe.
    """
    if n == 0:
        return []
    table = Appeal._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)", [n])
            return [r[0] for r in cur.fetchall()]
        cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        top = cur.fetchone()[0]
    return list(range(top + 1, top + 1 + n))


def _firsts(good) -> dict[tuple[str, str, str, str], int]:
    """For each imported row, the first request of the same matter already on record, if any."""
    phones = {g[1]["phone"] for g in good}
    if not good:
        return {}
    lo = min(g[2] for g in good) - dt.timedelta(days=REPEAT_WINDOW_DAYS)
    earlier: dict[tuple[str, str, str], list[tuple[dt.date, int]]] = {}
    for phone, cat, place, on, pk in (Appeal.objects.filter(phone__in=phones, repeat_of__isnull=True, received_on__gte=lo)
                                      .values_list("phone", "category", "place", "received_on", "pk")):
        earlier.setdefault((phone, cat, place), []).append((on, pk))
    out = {}
    for _, f, received, _ in good:
        for on, pk in sorted(earlier.get((f["phone"], f["category"], f["place"]), [])):
            if received - dt.timedelta(days=REPEAT_WINDOW_DAYS) <= on <= received:
                out[(f["phone"], f["category"], f["place"], f["external_id"])] = pk
                break
    return out


def _link_repeats_within(new: list[Appeal]) -> None:
    """Rows of the same matter in one file: the earliest is the first, the others its repeats."""
    first: dict[tuple[str, str, str], Appeal] = {}
    for a in sorted(new, key=lambda a: (a.received_on, a.pk)):
        if a.repeat_of_id:
            continue
        key = (a.phone, a.category, a.place)
        f = first.get(key)
        if f is not None and (a.received_on - f.received_on).days <= REPEAT_WINDOW_DAYS:
            a.repeat_of_id = f.pk
        else:
            first[key] = a


def rejects_xlsx(result: Result) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "未导入的行"
    ws.append(["行号", "列", "原因"])
    for r in result.rejects:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "12345工单"
    ws.append(list(COLUMNS))
    ws.append(["GD20250301000001", "2025-03-01", "王某", "13800000000", "拖欠工资", "350206",
               "在某工地务工两个月未发工资", "某安置房项目", "某劳务公司", "12000.00", 3, ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
