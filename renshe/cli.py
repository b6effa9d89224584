"""``renshe``: the command line. Subcommands live with their domain and are loaded lazily.

Each entry of ``SUBCOMMANDS`` names a module with ``add_parser(subparsers)``; a module
registers its parser and sets ``func`` on it. Exit codes: 0 done, 2 bad input (the
message, in Chinese and English, on stderr).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from renshe.rules.errors import RulesError

#: modules that contribute subcommands; each defines ``add_parser(subparsers)``.
SUBCOMMANDS = [
    "renshe.rules.cli",
    "renshe.platform.cli",
    "renshe.knowledge.cli",
    "renshe.arrears.cli",
    "renshe.planner.cli",
    "renshe.inspections.cli",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own usage errors exit 2 as well
        self.print_usage(sys.stderr)
        print(f"参数错误 / usage error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="renshe", description="Renshe (人社) 数字法治平台")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in SUBCOMMANDS:
        importlib.import_module(name).add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except RulesError as exc:
        print(str(exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
