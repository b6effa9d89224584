"""``renshe``: the command line. Subcommands live with their domain and are loaded lazily.

Each top-level package's ``cli`` module (found by
:func:`renshe.platform.registry.package_modules`, without Django) has ``add_parser(subparsers)``:
it registers its parser and sets ``func`` on it. Exit codes: 0 done, 2 bad input (the message,
in Chinese and English, on stderr), 1 a database the migrations have not been applied to (said so,
rather than a traceback).
"""

from __future__ import annotations

import argparse
import sys

from renshe.platform.registry import package_modules
from renshe.rules.errors import RulesError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own usage errors exit 2 as well
        self.print_usage(sys.stderr)
        print(f"参数错误 / usage error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="renshe", description="Renshe (人社) 数字法治平台")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in package_modules("cli"):
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except RulesError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except Exception as exc:
        if not _unmigrated(exc):
            raise
        print("数据库尚未建表：请先运行 scripts/dev serve（或 python manage.py migrate）/ "
              f"the database has not been migrated: run scripts/dev serve or manage.py migrate first ({str(exc).splitlines()[0]})",
              file=sys.stderr)
        return 1


def _unmigrated(exc: Exception) -> bool:
    """A table missing: SQLite's "no such table", PostgreSQL's 'relation … does not exist'.
    Django is only looked up if a subcommand loaded it (most of the CLI runs without it)."""
    db = sys.modules.get("django.db")
    return (db is not None and isinstance(exc, db.OperationalError | db.ProgrammingError)
            and ("no such table" in str(exc) or ("relation" in str(exc) and "does not exist" in str(exc))))


if __name__ == "__main__":
    raise SystemExit(main())
