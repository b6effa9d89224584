"""``renshe calc NAME --input FILE|-``: run one calculator on a JSON file (CONTRACTS.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from renshe.rules import calculators, jsoninput
from renshe.rules.errors import RulesError


def read_json_input(source: str) -> object:
    """Read JSON from a path or ``-`` (stdin); a bad file is a bilingual RulesError."""
    try:
        # utf-8-sig: files saved by Windows editors start with a byte-order mark.
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RulesError.of(
            "--input", f"无法读取输入文件：{exc.strerror}", f"cannot read input: {exc}"
        ) from None
    except UnicodeDecodeError as exc:
        raise RulesError.of(
            "--input",
            f"输入文件不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节）",
            f"input is not UTF-8 text (byte {exc.start + 1})",
        ) from None
    return jsoninput.loads(text.removeprefix("\ufeff"), "--input")


def _calc(args: argparse.Namespace) -> int:
    calculators.get(args.name)  # an unknown name is reported before the input is read
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
