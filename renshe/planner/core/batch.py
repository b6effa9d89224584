"""``renshe plan-batch IN OUT``: plan a whole file of households (CSV, Excel or Parquet), vectorised.

One profile a row (CONTRACTS.md): ``id``, the profile's scalar fields and dependents as
counts ``children`` and ``elders``. Rows are checked column by column; a bad row gets its row
number and reason in ``error`` and the others are still planned. The row number is the one
the person sees in the file: in CSV and Excel the header is row 1, so the first household is
row 2 (as ``renshe arrears ingest`` counts); in Parquet, which has no header row, it is row 1.
Valid rows are planned in chunks per (region, as-of date, employment) with
:func:`renshe.planner.core.optimize.evaluate`, so a million rows take one pass of array
arithmetic, not a million calls.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from renshe.documents.excel import neutralise_frame, unpacked_size
from renshe.planner import batch_people
from renshe.planner.core import optimize as opt
from renshe.planner.core.explain import resolve_assumptions
from renshe.planner.core.law import law_on
from renshe.planner.core.models import (
    CATEGORY_LABELS,
    EMPLOYMENT_LABELS,
    MAX_DEPENDENTS,
    Assumptions,
    Profile,
)
from renshe.rules import retirement
from renshe.rules.errors import RulesError
from renshe.rules.regions import REGION_NAMES

REQUIRED = ("id", "birth", "category", "employment", "monthly_income")
DEFAULTS = {
    "region": "fujian",
    "monthly_debt_payments": 0.0,
    "paid_months": 0,
    "account_balance": 0.0,
    "children": 0,
    "elders": 0,
}
NUMERIC = {
    # column: (low, high, must be whole)
    "monthly_income": (0, 10_000_000, False),
    "monthly_debt_payments": (0, 10_000_000, False),
    "paid_months": (0, 600, True),
    "account_balance": (0, 10_000_000, False),
    "children": (0, MAX_DEPENDENTS, True),
    "elders": (0, MAX_DEPENDENTS, True),
    "avg_index": (0.3, 3.0, False),
}
OUT_COLUMNS = [
    "id", "key", "label", "scheme", "base_ratio", "tier", "months", "extension_months", "retire_month",
    "monthly_cost", "total_cost", "tax_saved_per_year", "monthly_pension", "break_even_age", "irr",
    "replacement_rate", "lifetime_value", "meets_minimum", "affordable", "error",
]
CHUNK = 8192
PARQUET, EXCEL = {".parquet", ".pq"}, {".xlsx"}
FORMATS = {".csv", *PARQUET, *EXCEL}
#: rows in one Excel sheet, the header included (Excel's own limit)
EXCEL_MAX_ROWS = 1_048_576
#: columns read as text: an id or a month is a label, not a number
TEXT_COLUMNS = ("id", "birth", "as_of")


#: households that show how to fill the template (one of each kind a form can be)
EXAMPLES = [
    {"id": "示例-1", "birth": "1980-05", "category": "male_60", "employment": "employee", "region": "fujian.fuzhou",
     "monthly_income": 9000, "monthly_debt_payments": 2000, "children": 1, "elders": 0, "paid_months": 180,
     "account_balance": 60000, "avg_index": 1.1, "as_of": ""},
    {"id": "示例-2", "birth": "1986-09", "category": "female_55", "employment": "flexible", "region": "fujian.xiamen",
     "monthly_income": 6500, "monthly_debt_payments": 0, "children": 2, "elders": 1, "paid_months": 60,
     "account_balance": "", "avg_index": "", "as_of": ""},
    {"id": "示例-3", "birth": "1972-03", "category": "female_50", "employment": "rural_resident", "region": "fujian",
     "monthly_income": 2500, "monthly_debt_payments": 0, "children": 0, "elders": 0, "paid_months": 0,
     "account_balance": "", "avg_index": "", "as_of": ""},
]


def columns_help() -> pd.DataFrame:
    """Every input column: what it means (a profile field's own title and description), what it
    may hold, whether it is required, and what an empty cell means. One source with
    :func:`validate`: the ranges are :data:`NUMERIC`, the defaults :data:`DEFAULTS`."""
    fields = Profile.model_fields

    def meaning(name: str) -> str:
        f = fields[name]
        return f"{f.title}：{f.description}"

    coded = lambda labels: "、".join(f"{k}（{v}）" for k, v in labels.items())  # noqa: E731
    allowed = {
        "id": "任意文字，每户不同", "birth": "YYYY-MM", "category": coded(CATEGORY_LABELS),
        "employment": coded(EMPLOYMENT_LABELS), "region": coded(REGION_NAMES), "as_of": "YYYY-MM-DD",
        **{c: f"{lo}–{hi}{' 的整数' if whole else ''}" for c, (lo, hi, whole) in NUMERIC.items()},
    }
    means = {
        "id": "编号：原样写进结果，用来对应每一户",
        "children": "需抚养的子女人数", "elders": "需赡养的老人人数",
        **{c: meaning(c) for c in EXAMPLES[0] if c in fields},
    }
    empty = {**{c: f"按 {v:g}" if isinstance(v, int | float) else f"按 {v}" for c, v in DEFAULTS.items()},
             "avg_index": "按 1.0 估算", "as_of": "按今天"}
    return pd.DataFrame(
        [{"列名": c, "含义": means[c], "可填的值": allowed[c], "必填": "是" if c in REQUIRED else "否",
          "空着时": empty.get(c, "")} for c in EXAMPLES[0]]
    )


def write_template(path: Path) -> None:
    """An input file to fill in: the columns with three example households; in Excel a second
    sheet “填写说明” explains each column. Planning the template as it stands works."""
    check_output(path)
    example = pd.DataFrame(EXAMPLES)
    if path.suffix.lower() not in EXCEL:
        write_table(example, path)
        return
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        example.to_excel(xl, index=False, sheet_name="填写")
        columns_help().to_excel(xl, index=False, sheet_name="填写说明")
        xl.sheets["填写"].freeze_panes = "A2"
        for col, width in zip("ABCDE", (22, 40, 60, 8, 14), strict=True):
            xl.sheets["填写说明"].column_dimensions[col].width = width


def check_format(path: Path, which: str) -> None:
    """Refuse a file type plan-batch cannot read or write, before any work is done."""
    if path.suffix.lower() not in FORMATS:
        raise RulesError.of(
            which,
            f"不支持的文件类型“{path.suffix or '（无扩展名）'}”：请用 .csv、.xlsx 或 .parquet（旧版 .xls 请在 Excel 中另存为 .xlsx）",
            f"unsupported file type {path.suffix or '(none)'!r}: use .csv, .xlsx or .parquet (save an old .xls as .xlsx)",
        )


def check_output(path: Path) -> None:
    """Refuse an output that cannot be written — wrong type, no such folder, not writable —
    before any planning, not after a million rows."""
    check_format(path, "OUT")
    folder = path.resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise RulesError.of(
            "OUT", f"无法写入输出文件：文件夹“{folder}”不存在或不可写", f"cannot write the output: folder {folder} is missing or read-only"
        )


def write_table(df: pd.DataFrame, path: Path) -> None:
    """Write CSV, Excel (one sheet “规划结果”, header frozen) or Parquet, by extension."""
    try:
        _write(df, path)
    except OSError as exc:
        raise RulesError.of("OUT", f"无法写入输出文件：{exc}", f"cannot write the output: {exc}") from None


def first_row(path: Path) -> int:
    """The number a person sees on the first household's row (see the module docstring)."""
    return 1 if path.suffix.lower() in PARQUET else 2


def _excel_text(value):
    """An Excel cell of a text column as the text the person meant: Excel turns 1980-05 typed
    into a cell into a date, and an id typed as 17 into a number."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if value is None or isinstance(value, str) or pd.isna(value) else str(value)


#: Largest an input workbook may unpack to (its sheets' XML): a 265 KB .xlsx that unpacked to
#: 104 MB took the batch worker to 1.4 GB (issue 13, item 6). About 200,000 households of the
#: template's columns; more belongs in CSV or Parquet.
EXCEL_MAX_UNPACKED = 100 * 1024 * 1024


def _check_unpacked(path: Path) -> None:
    size = unpacked_size(path)
    if size is not None and size > EXCEL_MAX_UNPACKED:
        mb, limit = size / 1_048_576, EXCEL_MAX_UNPACKED // 1_048_576
        raise RulesError.of("IN", f"Excel 文件解压后达 {mb:.0f} MB，超过 {limit} MB：请拆分，或改用 CSV、Parquet",
                            f"the workbook unpacks to {mb:.0f} MB, over {limit} MB: split it, or use CSV or Parquet")


def read_table(path: Path) -> pd.DataFrame:
    """Read CSV, Excel (the first sheet) or Parquet, by extension. Numeric columns may come
    typed; a column with a bad value comes as text and is checked value by value in
    :func:`validate`."""
    check_format(path, "IN")
    try:
        if path.suffix.lower() in PARQUET:
            return pd.read_parquet(path)
        if path.suffix.lower() in EXCEL:
            _check_unpacked(path)
            df = pd.read_excel(path, sheet_name=0, engine="openpyxl")
            for col in TEXT_COLUMNS:
                if col in df.columns:
                    df[col] = df[col].map(_excel_text).astype(object)
            return df
        return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=dict.fromkeys(TEXT_COLUMNS, str))
    except zipfile.BadZipFile:  # an .xlsx is a zip archive; this one is not
        raise RulesError.of("IN", "无法读取输入文件：不是有效的 .xlsx 文件", "cannot read the input file: not a valid .xlsx file") from None
    except (OSError, ValueError, KeyError) as exc:  # what pandas and openpyxl raise on a bad file
        raise RulesError.of("IN", f"无法读取输入文件：{exc}", f"cannot read the input file: {exc}") from None


def _write(df: pd.DataFrame, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix not in PARQUET:
        df = neutralise_frame(df)  # text read from the input never becomes a formula (documents.excel)
    if suffix in PARQUET:
        df.to_parquet(path, index=False)
    elif suffix in EXCEL:
        with pd.ExcelWriter(path, engine="openpyxl") as xl:
            df.to_excel(xl, index=False, sheet_name="规划结果")
            ws = xl.sheets["规划结果"]
            ws.freeze_panes = "A2"  # the header stays in view while scrolling
            for cells in ws.iter_cols(min_row=1, max_row=1):
                ws.column_dimensions[cells[0].column_letter].width = max(10, len(str(cells[0].value)) + 2)
    else:
        df.to_csv(path, index=False)


def validate(df: pd.DataFrame, today: dt.date) -> tuple[pd.DataFrame, np.ndarray]:
    """Typed columns and, per row, every reason it cannot be planned ("" if none); the labels the
    template shows (男职工, 厦门市) are taken for their codes.

    Messages are bilingual (中文 / English) and name the column, as everywhere in Renshe.
    """
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise RulesError.of(
            "IN", f"输入文件缺少列：{'、'.join(missing)}", f"the input lacks the columns: {', '.join(missing)}"
        )
    n = len(df)
    err = np.full(n, "", dtype=object)

    def flag(mask: np.ndarray, zh: str, en: str) -> None:  # every reason a row has, not only the first
        mask = np.asarray(mask, dtype=bool)
        err[mask] = np.where(err[mask] == "", "", err[mask] + "；") + f"{zh} / {en}"

    out = pd.DataFrame({"id": df["id"].astype("string").fillna("")})
    flag(out["id"].to_numpy() == "", "id 为空", "id is empty")
    for col, default in DEFAULTS.items():
        if col not in df.columns:
            df[col] = default
    df = batch_people.codes_from_labels(df)
    df["region"] = df["region"].astype("string").fillna("fujian").str.strip().str.lower()
    flag(~df["region"].isin(list(REGION_NAMES)).to_numpy(), "region 不是已知地区（如 厦门市 或代码 fujian.xiamen）", "region is not a known region")
    for col, codes in (("category", retirement.CATEGORY_CODE), ("employment", opt.EMPLOYMENT_CODE)):
        vals = df[col].astype("string").fillna("").str.strip()
        ok = vals.isin(list(codes)).to_numpy()
        labels = batch_people.CODED[col]
        flag(~ok, f"{col} 应为 {'、'.join(labels.values())} 之一（或代码 {'、'.join(codes)}）",
             f"{col} must be one of {', '.join(codes)}")
        out[col] = np.where(ok, vals.map(codes).fillna(0).to_numpy(), 0).astype(np.int64)
    out["region"] = df["region"].to_numpy()

    def months_of(col: str) -> tuple[np.ndarray, np.ndarray]:
        text = df[col].astype("string").fillna("").str.strip()
        ok = text.str.match(r"^\d{4}-(0[1-9]|1[0-2])").fillna(False).to_numpy()
        y = pd.to_numeric(text.str.slice(0, 4), errors="coerce").fillna(0).to_numpy(np.int64)
        m = pd.to_numeric(text.str.slice(5, 7), errors="coerce").fillna(1).to_numpy(np.int64)
        return ok, y * 12 + m - 1

    ok, out["birth"] = months_of("birth")
    flag(~ok, "birth 应为 YYYY-MM", "birth must be YYYY-MM")
    if "as_of" in df.columns:
        has = df["as_of"].notna().to_numpy()
        ok, as_of = months_of("as_of")
        flag(has & ~ok, "as_of 应为 YYYY-MM-DD", "as_of must be YYYY-MM-DD")
        days = pd.to_datetime(df["as_of"], errors="coerce", format="%Y-%m-%d")
        flag(has & days.isna().to_numpy(), "as_of 应为 YYYY-MM-DD", "as_of must be YYYY-MM-DD")
        text = df["as_of"].astype("string").fillna("").to_numpy(dtype=object)
        out["as_of_date"] = np.where(has & days.notna().to_numpy(), text, today.isoformat())
    else:
        out["as_of_date"] = today.isoformat()
    out["as_of"] = pd.to_datetime(out["as_of_date"]).dt.year * 12 + pd.to_datetime(out["as_of_date"]).dt.month - 1
    for col, (lo, hi, whole) in NUMERIC.items():
        if col not in df.columns:
            out[col] = np.nan
            continue
        present = df[col].notna().to_numpy()
        typed = pd.api.types.is_numeric_dtype(df[col]) and not pd.api.types.is_bool_dtype(df[col])
        x = (df[col] if typed else pd.to_numeric(df[col].astype("string"), errors="coerce")).to_numpy(np.float64)
        bad = present & ~np.isfinite(x)
        flag(bad, f"{col} 应为数字", f"{col} must be a number")
        flag(present & ~bad & ((x < lo) | (x > hi)), f"{col} 应在 {lo}–{hi} 之间", f"{col} must be between {lo} and {hi}")
        if whole:
            flag(present & ~bad & (np.floor(x) != x), f"{col} 应为整数", f"{col} must be a whole number")
        out[col] = x
    flag(np.isnan(out["monthly_income"].to_numpy()), "monthly_income 必填", "monthly_income is required")
    age = (out["as_of"] - out["birth"]).to_numpy() / 12.0
    flag((age < 16) | (age > 75), "年龄应在 16–75 岁之间", "age must be between 16 and 75")
    paid = np.nan_to_num(out["paid_months"].to_numpy())
    flag(paid > (age - 16) * 12 + 1, "paid_months 超过了16岁以来的月数", "paid_months exceeds the months since age 16")
    return out, err


def plan_frame(
    df: pd.DataFrame,
    today: dt.date,
    assumptions: Assumptions | None = None,
    progress: Callable[[int], None] = lambda k: None,
    workers: int = 1,
    row_one: int = 1,
) -> pd.DataFrame:
    """Plan every row of a profile table; returns one output row per input row, in order.

    ``assumptions`` apply to every row (the dated defaults where not given). With
    ``workers`` > 1 the chunks are planned in that many processes; the result is the same.
    ``row_one`` is the number errors give the first row (:func:`first_row` of its file).
    """
    typed, err = validate(df, today)
    n = len(typed)
    res = {c: np.full(n, np.nan, dtype=object) for c in OUT_COLUMNS}
    res["id"] = typed["id"].to_numpy(dtype=object)
    good = err == ""
    progress(int((~good).sum()))
    given = assumptions or Assumptions()
    tasks = []
    keys = typed.loc[good, ["region", "as_of_date", "employment"]].drop_duplicates().itertuples(index=False)
    for region, as_of_date, employment in keys:
        on = dt.date.fromisoformat(as_of_date)
        here = good & (typed["region"] == region).to_numpy() & (typed["as_of_date"] == as_of_date).to_numpy()
        try:
            law_on(on, region)
        except RulesError as exc:
            err[here] = exc.problems[0].zh + " / " + exc.problems[0].en
            progress(int(here.sum()))
            continue
        idx = np.flatnonzero(here & (typed["employment"] == employment).to_numpy())
        for lo in range(0, len(idx), CHUNK):
            rows = idx[lo : lo + CHUNK]
            tasks.append((rows, typed.iloc[rows][CHUNK_COLUMNS], on, region, int(employment), given))
    if workers > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = pool.map(_plan_task, tasks, chunksize=1)
            for (rows, *_), cols in zip(tasks, done, strict=True):
                _store(res, rows, cols)
                progress(len(rows))
    else:
        for task in tasks:
            _store(res, task[0], _plan_task(task))
            progress(len(task[0]))
    res["error"] = [f"第{i + row_one}行 row {i + row_one}: {e}" if e else None for i, e in enumerate(err)]
    return pd.DataFrame(res, columns=OUT_COLUMNS)


CHUNK_COLUMNS = [
    "birth", "category", "employment", "monthly_income", "monthly_debt_payments", "children", "elders",
    "paid_months", "account_balance", "avg_index", "as_of",
]


def _store(res: dict, rows: np.ndarray, cols: dict[str, np.ndarray]) -> None:
    for name, values in cols.items():
        res[name][rows] = values


def _plan_task(task) -> dict[str, np.ndarray]:
    """Plan one chunk of rows sharing region, date and employment; the output columns for them."""
    _, t, on, region, employment, given = task
    law = law_on(on, region)
    a = resolve_assumptions(given, law)
    tpl = opt.template(law, employment)
    f = lambda c: t[c].to_numpy(np.float64)  # noqa: E731
    p = opt.Profiles(
        birth=t["birth"].to_numpy(np.int64),
        category=t["category"].to_numpy(np.int64),
        employment=t["employment"].to_numpy(np.int64),
        income=f("monthly_income"),
        debt=np.nan_to_num(f("monthly_debt_payments")),
        dependents=np.nan_to_num(f("children")) + np.nan_to_num(f("elders")),
        paid=np.nan_to_num(f("paid_months")).astype(np.int64),
        balance=np.nan_to_num(f("account_balance")),
        avg_index=f("avg_index"),
        as_of=t["as_of"].to_numpy(np.int64),
    )
    ev = opt.evaluate(p, tpl, law, a)
    pick = opt.choose(ev, tpl.rank())
    has = pick >= 0
    r = np.flatnonzero(has)
    c = pick[has]
    rate, be = opt.rate_and_break_even(ev, a, r, c)
    out = {name: np.full(len(t), None, dtype=object) for name in OUT_COLUMNS if name not in {"id", "error"}}

    def put(name: str, values) -> None:
        out[name][has] = values

    put("key", np.array(tpl.keys, dtype=object)[c])
    put("label", np.array(tpl.labels, dtype=object)[c])
    put("scheme", np.array(opt.SCHEMES, dtype=object)[ev["scheme"][r, c]])
    for col, name, nd in (
        ("base_ratio", "base_ratio", 4), ("tier", "tier", 2), ("monthly_cost", "monthly_cost", 2),
        ("total_cost", "total_cost", 2), ("tax_saved_per_year", "tax_saved", 2),
        ("monthly_pension", "monthly_pension", 2), ("replacement_rate", "replacement_rate", 4),
        ("lifetime_value", "lifetime_value", 2),
    ):
        put(col, np.round(ev[name][r, c].astype(np.float64), nd))
    put("months", ev["months"][r, c])
    put("extension_months", ev["extension"][r, c])
    put("retire_month", [f"{s // 12:04d}-{s % 12 + 1:02d}" for s in ev["start"][r, c].tolist()])
    put("irr", np.round(rate, 4))
    put("break_even_age", np.round(be, 1))
    put("meets_minimum", ev["meets_minimum"][r, c])
    put("affordable", ev["affordable"][r, c])
    out["affordable"][~has] = False
    return out


def run(
    src: Path,
    dst: Path,
    assumptions: Assumptions | None = None,
    show_progress: bool | None = None,
    workers: int | None = None,
    for_people: bool = False,
) -> dict:
    """Plan ``src`` into ``dst`` with ``workers`` processes (default: one per core); returns a
    summary (rows, planned, errors, households with no affordable option). ``for_people``: Chinese
    headers and values (:func:`batch_people.for_people`), for the staff page's download."""
    from tqdm import tqdm

    check_output(dst)
    df = read_table(src)
    if dst.suffix.lower() in EXCEL and len(df) >= EXCEL_MAX_ROWS:
        raise RulesError.of(
            "OUT",
            f"{len(df):,} 行放不进一张 Excel 表（最多 {EXCEL_MAX_ROWS - 1:,} 行加表头）：请输出为 .csv 或 .parquet",
            f"{len(df):,} rows do not fit one Excel sheet ({EXCEL_MAX_ROWS - 1:,} and a header at most): write .csv or .parquet",
        )
    show = sys.stderr.isatty() if show_progress is None else show_progress
    with tqdm(total=len(df), disable=not show, unit="户", desc="规划") as bar:
        out = plan_frame(df, dt.date.today(), assumptions, bar.update, workers or os.cpu_count() or 1, first_row(src))
    write_table(batch_people.for_people(out) if for_people else out, dst)
    errors = int(out["error"].notna().sum())
    return {
        "rows": len(out),
        "planned": int(out["key"].notna().sum()),
        "errors": errors,
        "no_affordable_option": int((out["key"].isna() & out["error"].isna()).sum()),
        "out": str(dst),
    }
