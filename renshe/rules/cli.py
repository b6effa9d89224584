"""``renshe calc NAME --input FILE|-``: run one calculator on a JSON file (CONTRACTS.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from renshe.rules import calculators
from renshe.rules.errors import RulesError


def read_json_input(source: str) -> object:
    """Read JSON from a path or ``-`` (stdin); a bad file is a bilingual RulesError."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError.of(
            "--input", f"无法读取输入文件：{exc.strerror}", f"cannot read input: {exc}"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RulesError.of(
            "--input",
            f"输入不是合法的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）",
            f"input is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}",
        ) from None


def _calc(args: argparse.Namespace) -> int:
    result = calculators.run(args.name, read_json_input(args.input))
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def _list(args: argparse.Namespace) -> int:
    for calc in calculators.registry().values():
        print(f"{calc.name}\t{calc.title}")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("calc", help="运行一个法定计算器 / run a legal calculator")
    p.add_argument("name", help="calculator name, e.g. economic-compensation")
    p.add_argument("--input", required=True, help="JSON file, or - for stdin")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=_calc)
    p = sub.add_parser("calculators", help="列出计算器 / list calculators")
    p.set_defaults(func=_list)
