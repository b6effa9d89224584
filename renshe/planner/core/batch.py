"""``renshe plan-batch IN OUT``: plan a whole file of households (CSV, Excel or Parquet), vectorised.

One profile a row (CONTRACTS.md): ``id``, the profile's scalar fields and dependents as
counts ``children`` and ``elders``. Rows are checked column by column; a bad row gets its row
number and reason in ``error`` and the others are still planned. The row number is the one
the person sees in the file: in CSV and Excel the header is row 1, so the first household is
row 2 (as ``renshe arrears ingest`` counts); in Parquet, which has no header row, it is row 1.
Valid rows are planned in chunks per (region, as-of date, employment) with
:func:`renshe.planner.core.optimize.evaluate`, so a million rows take one pass of array
arithmetic, not a million calls.

The file is streamed (issue 13, item 6): read :data:`READ_ROWS` rows at a time (CSV by
pandas' chunked reader, Excel row by row in openpyxl's read-only mode, Parquet batch by
batch), each part planned and appended to the output, so memory holds one part whatever the
file's size. A file of more than :data:`MAX_ROWS` households is refused with the cap named;
the output is written beside its final name and renamed only when every row is planned, so
a refused or failed file leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
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
#: Most households one file may hold. Why a cap although memory no longer grows with the file:
#: one file is one batch on one queue worker and one result a person downloads; at about 70 µs
#: a household (bench/planner.py) a million take one to two minutes on a core, and every
#: allowed file's result fits one Excel sheet (1,048,575 rows under its header). More is a
#: mistake or an abuse (issue 13, item 6: a 19 MB CSV of bad rows held a worker for 99 s);
#: split it into several files.
MAX_ROWS = 1_000_000
#: rows read, planned and written at a time: memory holds one part (a few tens of MB) at most
READ_ROWS = 20_000


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


def _too_many(rows: int) -> RulesError:
    return RulesError.of(
        "IN",
        f"输入文件超过 {MAX_ROWS:,} 户（每个文件最多 {MAX_ROWS:,} 户，本文件至少 {rows:,} 户）：请拆分成几个文件",
        f"the input has more than {MAX_ROWS:,} households (at most {MAX_ROWS:,} a file; this one has {rows:,} or more): split it",
    )


def _capped(parts: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The parts, refusing the file as soon as it passes :data:`MAX_ROWS` rows."""
    seen = 0
    for part in parts:
        seen += len(part)
        if seen > MAX_ROWS:
            raise _too_many(seen)
        yield part


def _csv_parts(path: Path) -> Iterator[pd.DataFrame]:
    with pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=dict.fromkeys(TEXT_COLUMNS, str),
                     chunksize=READ_ROWS) as reader:
        yield from reader


def _parquet_parts(path: Path) -> Iterator[pd.DataFrame]:
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as f:
        if f.metadata.num_rows > MAX_ROWS:  # known before a row is read
            raise _too_many(f.metadata.num_rows)
        if f.metadata.num_rows == 0:
            yield f.schema_arrow.empty_table().to_pandas()
        for part in f.iter_batches(batch_size=READ_ROWS):
            yield part.to_pandas()


def _excel_parts(path: Path) -> Iterator[pd.DataFrame]:
    """The first sheet, row by row (openpyxl's read-only mode): the first row names the columns;
    empty rows at the end are dropped, as pandas does."""
    import openpyxl

    _check_unpacked(path)
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns = [str(c) if c is not None else f"Unnamed: {i}" for i, c in enumerate(header)]
        width = len(columns)
        buf: list[tuple] = []
        given = False
        blank = 0  # empty rows seen since the last one with a value: kept only if one follows
        for row in rows:
            if all(v is None or v == "" for v in row):
                blank += 1
                continue
            buf.extend([(None,) * width] * blank)
            blank = 0
            buf.append(tuple(row[:width]) + (None,) * (width - len(row)))
            if len(buf) >= READ_ROWS:
                yield _excel_frame(buf, columns)
                buf, given = [], True
        if buf or not given:
            yield _excel_frame(buf, columns)
    finally:
        wb.close()


def _excel_frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(rows, columns=columns)
    for col in df.columns:
        if col in TEXT_COLUMNS:
            df[col] = df[col].map(_excel_text).astype(object)
        else:  # numbers typed as numbers come as numbers; a column with text is checked cell by cell
            df[col] = df[col].infer_objects()
    return df


def read_parts(path: Path) -> Iterator[pd.DataFrame]:
    """Read CSV, Excel (the first sheet) or Parquet, by extension, :data:`READ_ROWS` rows at a
    time, refusing a file of more than :data:`MAX_ROWS` rows. Numeric columns may come typed; a
    column with a bad value comes as text and is checked value by value in :func:`validate`.
    An empty file (a header only) gives one empty part."""
    check_format(path, "IN")
    suffix = path.suffix.lower()
    parts = _parquet_parts if suffix in PARQUET else _excel_parts if suffix in EXCEL else _csv_parts
    try:
        yield from _capped(parts(path))
    except zipfile.BadZipFile:  # an .xlsx is a zip archive; this one is not
        raise RulesError.of("IN", "无法读取输入文件：不是有效的 .xlsx 文件", "cannot read the input file: not a valid .xlsx file") from None
    except (OSError, ValueError, KeyError, StopIteration) as exc:  # what pandas, pyarrow and openpyxl raise on a bad file
        raise RulesError.of("IN", f"无法读取输入文件：{exc}", f"cannot read the input file: {exc}") from None


def _write(df: pd.DataFrame, path: Path) -> None:
    with _Writer(path) as w:
        w.write(df)


#: the type of each result column in Parquet (the same for every part, whatever one part holds)
_PARQUET_TYPES = {
    **dict.fromkeys(("id", "key", "label", "scheme", "retire_month", "error"), "string"),
    **dict.fromkeys(("months", "extension_months"), "int64"),
    **dict.fromkeys(("meets_minimum", "affordable"), "bool"),
}


class _Writer:
    """Appends parts of a result to CSV, Excel (one sheet “规划结果”, header frozen, openpyxl's
    write-only mode) or Parquet, by extension; text from the input never becomes a formula
    (documents.excel)."""

    def __init__(self, path: Path) -> None:
        self.path, self.suffix = path, path.suffix.lower()
        self._parquet = self._book = self._sheet = None
        self._header = True

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def write(self, df: pd.DataFrame) -> None:
        if self.suffix in PARQUET:
            self._write_parquet(df)
            return
        df = neutralise_frame(df)
        if self.suffix in EXCEL:
            self._write_excel(df)
        else:
            df.to_csv(self.path, index=False, header=self._header, mode="w" if self._header else "a")
        self._header = False

    def _write_parquet(self, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._parquet is None:
            if set(df.columns) <= set(OUT_COLUMNS):  # a result: its types fixed, whatever the first part holds
                kinds = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_()}
                schema = pa.schema([(c, kinds.get(_PARQUET_TYPES.get(c, ""), pa.float64())) for c in df.columns])
            else:  # the template: one part
                schema = pa.Schema.from_pandas(df, preserve_index=False)
            self._parquet = pq.ParquetWriter(self.path, schema)
        self._parquet.write_table(pa.Table.from_pandas(df, schema=self._parquet.schema, preserve_index=False))

    def _write_excel(self, df: pd.DataFrame) -> None:
        if self._book is None:
            from openpyxl import Workbook
            from openpyxl.utils import get_column_letter

            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet("规划结果")
            self._sheet.freeze_panes = "A2"  # the header stays in view while scrolling
            for i, name in enumerate(df.columns, 1):
                self._sheet.column_dimensions[get_column_letter(i)].width = max(10, len(str(name)) + 2)
            self._sheet.append(list(df.columns))
        for row in df.itertuples(index=False, name=None):
            self._sheet.append([v if isinstance(v, str) else None if pd.isna(v) else
                                v.item() if isinstance(v, np.generic) else v for v in row])

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._book is not None:
            self._book.save(self.path)
            self._book = None


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
    pool: Executor | None = None,
) -> pd.DataFrame:
    """Plan every row of a profile table; returns one output row per input row, in order.

    ``assumptions`` apply to every row (the dated defaults where not given). With
    ``workers`` > 1 (or a ``pool`` of processes, kept by :func:`run` across parts) the chunks
    are planned in several processes; the result is the same. ``row_one`` is the number
    errors give the first row (:func:`first_row` of its file).
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
    if (pool is not None or workers > 1) and len(tasks) > 1:
        with contextlib.nullcontext(pool) if pool is not None else ProcessPoolExecutor(max_workers=workers) as ex:
            done = ex.map(_plan_task, tasks, chunksize=1)
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
    """Plan ``src`` into ``dst`` with ``workers`` processes (default: one per core), part by part
    (the module docstring); returns a summary (rows, planned, errors, households with no
    affordable option). ``for_people``: Chinese headers and values (:func:`batch_people.for_people`),
    for the staff page's download. Nothing is left at ``dst`` unless every row was planned."""
    from tqdm import tqdm

    check_output(dst)
    workers = workers or os.cpu_count() or 1
    today, row_one = dt.date.today(), first_row(src)
    totals = {"rows": 0, "planned": 0, "errors": 0, "no_affordable_option": 0}
    partial = dst.with_name(f".{dst.name}.{os.getpid()}.partial{dst.suffix}")
    show = sys.stderr.isatty() if show_progress is None else show_progress
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        with tqdm(disable=not show, unit="户", desc="规划") as bar, _Writer(partial) as out:
            for df in read_parts(src):
                n = totals["rows"]
                if dst.suffix.lower() in EXCEL and n + len(df) >= EXCEL_MAX_ROWS:
                    raise RulesError.of(
                        "OUT",
                        f"{n + len(df):,} 行放不进一张 Excel 表（最多 {EXCEL_MAX_ROWS - 1:,} 行加表头）：请输出为 .csv 或 .parquet",
                        f"{n + len(df):,} rows do not fit one Excel sheet ({EXCEL_MAX_ROWS - 1:,} and a header at most): write .csv or .parquet",
                    )
                planned = plan_frame(df, today, assumptions, bar.update, row_one=row_one + n, pool=pool)
                out.write(batch_people.for_people(planned) if for_people else planned)
                has_error = planned["error"].notna()
                totals["rows"] += len(planned)
                totals["planned"] += int(planned["key"].notna().sum())
                totals["errors"] += int(has_error.sum())
                totals["no_affordable_option"] += int((planned["key"].isna() & ~has_error).sum())
        os.replace(partial, dst)
    except OSError as exc:
        raise RulesError.of("OUT", f"无法写入输出文件：{exc}", f"cannot write the output: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
        if pool is not None:
            pool.shutdown()
    return {**totals, "out": str(dst)}
