"""``renshe inspections draw --input FILE|-``: the 双随机 draw as JSON (CONTRACTS.md)."""

from __future__ import annotations

import argparse
import json
import sys

from renshe.inspections.core.draw_input import run
from renshe.rules.cli import read_json_input


def _draw(args: argparse.Namespace) -> int:
    result = run(read_json_input(args.input))
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("inspections", help="执法监督：双随机抽查 / inspections")
    inner = p.add_subparsers(dest="inspections_command", required=True, parser_class=type(p))
    d = inner.add_parser("draw", help="双随机抽取检查对象和执法人员 / draw enterprises and inspectors")
    d.add_argument("--input", required=True, help="JSON file, or - for stdin (CONTRACTS.md)")
    d.add_argument("--pretty", action="store_true", help="indent the JSON")
    d.set_defaults(func=_draw)
