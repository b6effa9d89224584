"""Mask personal data on pages where staff do not need the full value.

Under the 个人信息保护法 (2021) art. 6 (minimum necessary) and art. 51 (security
measures), a list or a printout shows enough to tell people apart, not the whole
identifier. Masks keep the region and a few final characters.
"""

from __future__ import annotations

import re

MASK = "*"


def mask_id_number(value: str | None) -> str:
    """A resident ID number: first 6 (region) and last 4 kept, e.g. 350102********123X."""
    s = (value or "").strip()
    if len(s) <= 10:
        return MASK * len(s)
    return s[:6] + MASK * (len(s) - 10) + s[-4:]


def mask_phone(value: str | None) -> str:
    """A phone number: a mobile's first 3 and last 4 kept (138****5678); others keep the last 4."""
    s = re.sub(r"[\s-]", "", value or "")
    if re.fullmatch(r"(\+?86)?1\d{10}", s):
        s = s[-11:]
        return s[:3] + MASK * 4 + s[-4:]
    if len(s) <= 4:
        return MASK * len(s)
    return MASK * (len(s) - 4) + s[-4:]
