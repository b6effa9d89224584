"""JSON from outside (an API body, a ``--input`` file), read so that no input can crash the
reader: every way JSON can be hostile is a bilingual :class:`RulesError` (HTTP 4xx, exit 2).

Issue 13, item 5: a body nested 100,000 deep made :func:`json.loads` raise ``RecursionError``,
and a 5,000-digit integer a bare ``ValueError`` (Python's limit on converting long digit
strings), both answered with a traceback. No legal amount, count or code a calculator takes
has more than :data:`MAX_INT_DIGITS` digits (identity numbers are strings), so longer integers
are refused where they are read, before any model or arithmetic sees them.
"""

from __future__ import annotations

import json
from typing import Any

from renshe.rules.errors import RulesError

#: Longest integer accepted in JSON input: 18 digits covers every amount (fields.MAX_YUAN is
#: 9 digits) and every 64-bit id; more is never a real value.
MAX_INT_DIGITS = 18


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise RulesError.of(
            "(input)", f"整数超过 {MAX_INT_DIGITS} 位，不是有效的数值", f"an integer longer than {MAX_INT_DIGITS} digits"
        )
    return int(text)


def loads(data: str | bytes, field: str = "(body)") -> Any:
    """``data`` parsed as JSON, or a :class:`RulesError` naming ``field``."""
    try:
        return json.loads(data, parse_int=_int)
    except RulesError as exc:
        raise RulesError.of(field, exc.problems[0].zh, exc.problems[0].en) from None
    except json.JSONDecodeError as exc:
        raise RulesError.of(
            field,
            f"不是合法的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）",
            f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}",
        ) from None
    except RecursionError:
        raise RulesError.of(field, "JSON 嵌套层数过多", "JSON nested too deeply") from None
    except UnicodeDecodeError:
        raise RulesError.of(field, "不是 UTF-8 编码的文本", "not UTF-8 text") from None
    except ValueError as exc:  # e.g. a number Python will not convert
        raise RulesError.of(field, "JSON 中有无法读取的数值", f"unreadable value in JSON: {exc}") from None
