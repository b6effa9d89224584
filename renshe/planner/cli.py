"""``renshe plan --input FILE|-`` and ``renshe plan-batch IN OUT`` (CONTRACTS.md, Planner)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from renshe.planner.core.explain import plan
from renshe.planner.core.models import Assumptions, Profile
from renshe.rules import dates
from renshe.rules.cli import read_json_input
from renshe.rules.errors import from_pydantic


def parse_profile(data: object) -> Profile:
    """A JSON object → Profile, or a bilingual RulesError naming the fields."""
    return dates.validated(Profile, data)


def _plan(args: argparse.Namespace) -> int:
    result = plan(parse_profile(read_json_input(args.input)))
    sys.stdout.write(result.model_dump_json(indent=2 if args.pretty else None))
    sys.stdout.write("\n")
    return 0


def _plan_batch(args: argparse.Namespace) -> int:
    from renshe.planner.core import batch

    assumptions = None
    if args.assumptions:
        try:
            assumptions = Assumptions.model_validate(read_json_input(args.assumptions))
        except ValidationError as exc:
            raise from_pydantic(exc) from None
    summary = batch.run(Path(args.src), Path(args.dst), assumptions)
    json.dump(summary, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _plan_template(args: argparse.Namespace) -> int:
    from renshe.planner.core import batch

    batch.write_template(Path(args.dst))
    print(f"已写出模板 / template written: {args.dst}")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="社保规划：一个家庭的最优缴费方案 / plan one household")
    p.add_argument("--input", required=True, help="JSON profile file, or - for stdin")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=_plan)
    p = sub.add_parser("plan-batch", help="批量社保规划（CSV、Excel 或 Parquet）/ plan a file of households")
    p.add_argument("src", metavar="IN", help="profiles, .csv, .xlsx or .parquet")
    p.add_argument("dst", metavar="OUT", help="results, .csv, .xlsx or .parquet")
    p.add_argument("--assumptions", help="JSON file with assumptions for every row (optional)")
    p.set_defaults(func=_plan_batch)
    p = sub.add_parser("plan-template", help="批量规划的输入模板（含示例和填写说明）/ an input file to fill in")
    p.add_argument("dst", metavar="OUT", help=".xlsx (with a sheet explaining each column), .csv or .parquet")
    p.set_defaults(func=_plan_template)
