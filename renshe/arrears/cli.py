"""``renshe demo-data`` and ``renshe arrears ingest|run|warnings`` (CONTRACTS.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from renshe.arrears.core.lake import DEFAULT as DEFAULT_STORE


def _demo(args: argparse.Namespace) -> int:
    from renshe.arrears.core import demo

    return demo.main(args)


def _ingest(args: argparse.Namespace) -> int:
    from renshe.arrears.core import ingest

    summary = ingest.ingest(Path(args.src), args.store, Path(args.rejects) if args.rejects else None)
    for f in summary["ignored_files"]:
        print(f"未入库 / not loaded: {f['file']}: {f['reason_zh']} / {f['reason_en']}", file=sys.stderr)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def _run(args: argparse.Namespace) -> int:
    from renshe.arrears.core import engines

    print(json.dumps(engines.run(args.store, args.engine, args.as_of, incremental_run=args.incremental,
                                 lake_version=args.lake_version), ensure_ascii=False))
    return 0


def _warnings(args: argparse.Namespace) -> int:
    from renshe.arrears.core import warnings

    rows = warnings.read(args.store, level=args.level, month=args.month)
    if args.format == "csv":
        warnings.write_csv(rows, sys.stdout)
    else:
        print(json.dumps(rows, ensure_ascii=False))
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo-data", help="生成演示用的合成省份数据 / write a synthetic province")
    p.add_argument("--out", required=True, help="输出目录 / output directory")
    p.add_argument("--workers", type=int, default=3000)
    p.add_argument("--days", type=int, default=90)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--start", default="2025-09-01", help="首个考勤日 / first attendance day")
    p.add_argument("--format", choices=["auto", "csv", "parquet"], default="auto",
                   help="大表格式：auto 超过20万人用 Parquet / big tables as Parquet above 200k workers")
    p.set_defaults(func=_demo)

    a = sub.add_parser("arrears", help="欠薪监测预警 / wage-arrears monitoring")
    asub = a.add_subparsers(dest="arrears_command", required=True, parser_class=type(a))
    store = {"default": str(DEFAULT_STORE), "help": "分析库：目录或 URI / analytical store: folder or URI (Parquet dataset)"}
    p = asub.add_parser("ingest", help="校验并入库 / validate and load files")
    p.add_argument("src", help="目录或文件 / directory or file (CSV, Excel, Parquet)")
    p.add_argument("--store", **store)
    p.add_argument("--rejects", help="拒收报告路径 / rejects report path (CSV)")
    p.set_defaults(func=_ingest)
    p = asub.add_parser("run", help="计算指标和预警 / compute indicators and warnings")
    p.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    p.add_argument("--as-of", help="统计日 YYYY-MM-DD（默认取数据批次的 as_of）/ as-of date")
    p.add_argument("--incremental", action="store_true",
                   help="只重算上次计算以来有变化的月份 / recompute only the months changed since the last run")
    p.add_argument("--lake-version", type=int,
                   help="按分析库的某一版本计算（默认最新）/ compute over this version of the store (default: newest)")
    p.add_argument("--store", **store)
    p.set_defaults(func=_run)
    p = asub.add_parser("warnings", help="列出预警 / list warnings")
    p.add_argument("--level", choices=["red", "orange", "yellow"], help="只列该级别 / only this level")
    p.add_argument("--month", help="YYYY-MM")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--store", **store)
    p.set_defaults(func=_warnings)
