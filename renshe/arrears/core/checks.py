"""The checks every row meets, files and pushes alike, in one SQL pass over the staging table.

Type, required, allowed values, the check digits of ID numbers (GB 11643) and credit codes
(GB 32100), Fujian county codes, dates and months inside ``arrears.data_dates`` (a monitored
fact not before 《保障农民工工资支付条例》 applied, 第六十四条), a key repeated in the batch,
and — when a store is attached — references to rows the store holds. The result is temp
table ``_chk``: the typed row, ``_line`` and the reasons (``zh``/``en``; empty when good).
"""

from __future__ import annotations

import datetime as dt

import duckdb

from renshe.arrears.core.schema import BY_NAME, Column, Table
from renshe.rules import ids, parameters

#: how a duplicate-key reason names the first row: (中文, English) with ``{}`` for its number
FILE_ROW = ("本文件第 {} 行", "row {} of this file")
PUSH_ROW = ("本次推送序号 {} 的行", "index {} of this push")


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _window(c: Column, v: str, on: dt.date) -> tuple[str, str, str] | None:
    """A date or month outside ``arrears.data_dates`` in force on ``on``."""
    if c.kind not in ("date", "month"):
        return None
    w = parameters.value("arrears.data_dates", on, "fujian")
    lo, hi = str(w["earliest_fact"] if c.fact else w["earliest_any"]), str(w["latest"])
    if c.kind == "month":
        lo_m, hi_m = lo[:7], hi[:7]
        cond = f"({v} IS NOT NULL AND regexp_full_match({v}, '[0-9]{{4}}-(0[1-9]|1[0-2])') AND ({v} < '{lo_m}' OR {v} > '{hi_m}'))"
        return cond, f"月份应在 {lo_m} 至 {hi_m} 之间", f"month outside {lo_m} to {hi_m}"
    d = f"TRY_CAST({v} AS DATE)"
    cond = f"({d} IS NOT NULL AND ({d} < DATE '{lo}' OR {d} > DATE '{hi}'))"
    return cond, f"日期应在 {lo} 至 {hi} 之间", f"date outside {lo} to {hi}"

def _checks(c: Column) -> list[tuple[str, str, str]]:
    """(condition that makes the value bad, 中文, English) for one column; ``v`` is the trimmed text."""
    v = f"trim({c.name})"
    out = []
    if c.required:
        out.append((f"({v} IS NULL OR {v} = '')", "必填项缺失", "is missing"))
    present = f"{v} IS NOT NULL AND {v} <> ''"
    kind = {
        "int": (f"TRY_CAST({v} AS BIGINT) IS NULL", "应为整数", "not an integer"),
        "float": (f"coalesce(NOT isfinite(TRY_CAST({v} AS DOUBLE)), true)", "应为数字", "not a number"),
        "date": (f"TRY_CAST({v} AS DATE) IS NULL", "日期格式应为 YYYY-MM-DD", "not a date (YYYY-MM-DD)"),
        "bool": (f"lower({v}) NOT IN ('true', 'false', '1', '0', '是', '否')", "应为 true 或 false", "not true/false"),
        "month": (f"NOT regexp_full_match({v}, '[0-9]{{4}}-(0[1-9]|1[0-2])')", "月份格式应为 YYYY-MM",
                  "not a month (YYYY-MM)"),
    }.get(c.kind)
    if kind:
        out.append((f"({present} AND {kind[0]})", kind[1], kind[2]))
    if c.choices:
        allowed = ", ".join(_lit(x) for x in c.choices)
        out.append((f"({present} AND {v} NOT IN ({allowed}))", f"取值不在允许范围内（{'、'.join(c.choices)}）",
                    f"not one of {', '.join(c.choices)}"))
    if c.min is not None:
        out.append((f"({present} AND TRY_CAST({v} AS DOUBLE) < {c.min})", f"不得小于 {c.min:g}", f"below {c.min:g}"))
    if c.check == "id_number":
        s = " + ".join(f"TRY_CAST(substr({v}, {i + 1}, 1) AS INTEGER) * {w}" for i, w in enumerate(ids.ID_WEIGHTS))
        ok = f"regexp_full_match({v}, '[0-9]{{17}}[0-9Xx]') AND substr('{ids.ID_CHECK}', ({s}) % 11 + 1, 1) = upper(substr({v}, 18, 1))"
        out.append((f"({present} AND NOT coalesce({ok}, false))", "公民身份号码格式或校验码不正确（GB 11643）",
                    "ID number malformed or wrong check digit (GB 11643)"))
    if c.check == "credit_code":
        chars = ids.USCC_CHARS
        s = " + ".join(f"(strpos('{chars}', substr({v}, {i + 1}, 1)) - 1) * {w}" for i, w in enumerate(ids.USCC_WEIGHTS))
        ok = f"regexp_full_match({v}, '[{chars}]{{18}}') AND substr('{chars}', (31 - ({s}) % 31) % 31 + 1, 1) = substr({v}, 18, 1)"
        out.append((f"({present} AND NOT coalesce({ok}, false))", "统一社会信用代码格式或校验码不正确（GB 32100）",
                    "credit code malformed or wrong check character (GB 32100)"))
    if c.check == "region":
        out.append((f"({present} AND NOT regexp_full_match({v}, '35[0-9]{{4}}'))", "不是福建省区县代码",
                    "not a Fujian county code"))
    return out


def _typed(c: Column) -> str:
    v = f"NULLIF(trim({c.name}), '')"
    return {
        "int": f"TRY_CAST({v} AS BIGINT)",
        "float": f"TRY_CAST({v} AS DOUBLE)",
        "date": f"TRY_CAST({v} AS DATE)",
        "bool": f"lower({v}) IN ('true', '1', '是')",
    }.get(c.kind, v)



def build(con: duckdb.DuckDBPyConnection, table: Table, row_words: tuple[str, str], *, refs: bool,
          on: dt.date | None = None) -> None:
    """``_stg`` → ``_chk`` with every reason; ``refs`` checks references against the attached store
    (views named like the tables). ``_stg`` is dropped."""
    on = on or dt.date.today()
    checks = [(cond, f"{c.name}：{zh}", f"{c.name}: {en}") for c in table.columns
              for cond, zh, en in [*_checks(c), *filter(None, [_window(c, f"trim({c.name})", on)])]]
    zh = "concat_ws('；', " + ", ".join(f"CASE WHEN {cond} THEN {_lit(z)} END" for cond, z, _ in checks) + ")"
    en = "concat_ws('; ', " + ", ".join(f"CASE WHEN {cond} THEN {_lit(e)} END" for cond, _, e in checks) + ")"
    typed = ", ".join(f"{_typed(c)} AS {c.name}" for c in table.columns)
    con.execute("DROP TABLE IF EXISTS _chk")
    con.execute(f"CREATE TEMP TABLE _chk AS SELECT _line, {zh} AS zh, {en} AS en, {typed} FROM _stg")
    con.execute("DROP TABLE _stg")
    for cols, target in table.refs if refs else ():
        ref = BY_NAME[target]
        on_sql = " AND ".join(f"r.{k} = c.{c}" for c, k in zip(cols, ref.key, strict=True))
        null = " OR ".join(f"c.{c} IS NULL" for c in cols)
        zh_msg, en_msg = f"{'、'.join(cols)}：引用的{ref.title}不存在", f"{', '.join(cols)}: no such {target} in the store"
        con.execute(
            f"UPDATE _chk c SET zh = {_lit(zh_msg)}, en = {_lit(en_msg)} "
            f"WHERE zh = '' AND NOT ({null}) AND NOT EXISTS (SELECT 1 FROM {target} r WHERE {on_sql})"
        )
    key = ", ".join(table.key)
    zh_row, en_row = (_lit(w).replace("{}", "' || d.first || '") for w in row_words)
    con.execute(
        f"UPDATE _chk c SET zh = '键重复（与' || {zh_row} || '相同）', "
        f"en = 'duplicate key (same as ' || {en_row} || ')' FROM ("
        f"SELECT _line, min(_line) OVER (PARTITION BY {key}) AS first FROM _chk WHERE zh = '') d "
        "WHERE c._line = d._line AND d._line <> d.first"
    )
