"""Check digits of the 公民身份号码 (GB 11643-1999) and the 统一社会信用代码 (GB 32100-2015).

Both are computed over whole numpy arrays so the demo can make a million valid numbers
at once, and both are re-checked on ingestion (see :mod:`renshe.arrears.core.schema`). They live in
the rules layer because every module that takes a party checks them: arrears ingestion, a
labour-dispute application (仲裁申请书 names the worker and the employer), an appeal.
:func:`check_id_number` and :func:`check_credit_code` give the bilingual error a form or an
API shows, naming the field.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from renshe.rules.errors import RulesError

#: GB 11643-1999 §7.2: weights W_i = 2^(18-i) mod 11 for the 17 body digits
ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
#: check character for (Σ a_i·W_i) mod 11 = 0..10
ID_CHECK = "10X98765432"

#: GB 32100-2015: the 31 characters the code may use, and the weights of its 17 body positions
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
#: GB 11714-1997 organisation code (positions 9–17 of the USCC): weights of its 8 body digits
ORG_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2])


def id_numbers(region: np.ndarray, birth: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """18-digit ID numbers from 6-digit region codes, birth dates (YYYYMMDD) and 3-digit sequences."""
    body = np.char.add(np.char.add(region.astype("U6"), birth.astype("U8")), np.char.zfill(seq.astype("U3"), 3))
    body = body.astype("U17")
    digits = body.view("U1").reshape(len(body), 17).astype(np.int64)
    check = np.array(list(ID_CHECK))[(digits * ID_WEIGHTS).sum(axis=1) % 11]
    return np.char.add(body, check)


def id_number_valid(value: str) -> bool:
    """Whether ``value`` is 17 digits and the right check character."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    s = sum(int(c) * w for c, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return value[17].upper() == ID_CHECK[s % 11]


def credit_codes(region: np.ndarray, org_body: np.ndarray) -> np.ndarray:
    """18-character 统一社会信用代码 for companies (登记管理部门 9, 类别 1) from 6-digit regions
    and 8-digit organisation-code bodies; the organisation-code check digit (GB 11714) and
    the USCC check character are computed here."""
    n = len(region)
    body8 = np.char.zfill(org_body.astype("U8"), 8)
    d8 = body8.view("U1").reshape(n, 8).astype(np.int64)
    c9 = 11 - (d8 * ORG_WEIGHTS).sum(axis=1) % 11
    org_check = np.where(c9 == 11, "0", np.where(c9 == 10, "X", c9.astype("U2")))
    head = np.char.add(np.char.add(np.char.add("91", region.astype("U6")), body8), org_check)
    lookup = {c: i for i, c in enumerate(USCC_CHARS)}
    head = head.astype("U17")
    vals = np.vectorize(lookup.__getitem__)(head.view("U1").reshape(n, 17))
    check = np.array(list(USCC_CHARS))[(31 - (vals * USCC_WEIGHTS).sum(axis=1) % 31) % 31]
    return np.char.add(head, check)


def credit_code_valid(value: str) -> bool:
    """Whether ``value`` is a well-formed 统一社会信用代码 with the right check character."""
    if len(value) != 18 or any(c not in USCC_CHARS for c in value):
        return False
    s = sum(USCC_CHARS.index(c) * w for c, w in zip(value[:17], USCC_WEIGHTS, strict=True))
    return value[17] == USCC_CHARS[(31 - s % 31) % 31]


def _birth_date(value: str) -> dt.date | None:
    """The 出生日期码 (GB 11643-1999 §6.2.2, positions 7–14), or None when it is no real date."""
    try:
        return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def birth_and_sex(value: str) -> tuple[dt.date | None, str | None]:
    """The birth date (§6.2.2) and sex (the 顺序码's last digit, odd for men, §6.2.3) of a valid
    ID number; (None, None) for anything else."""
    v = (value or "").strip().upper()
    if len(v) != 18 or not id_number_valid(v):
        return None, None
    return _birth_date(v), "male" if int(v[16]) % 2 else "female"


def check_id_number(value: str, field: str = "id_number") -> str:
    """``value`` normalised (spaces dropped, check ``x`` upper-cased) or a bilingual error naming ``field``.

    Refused: not 18 characters of 17 digits and a check character; a birth-date code that is
    no calendar date (§6.2.2); a wrong check character (§7.2).
    """
    v = (value or "").strip().replace(" ", "").upper()
    if len(v) != 18 or not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        raise RulesError.of(
            field,
            "公民身份号码应为18位：前17位数字，最后一位数字或X",
            "an ID number has 18 characters: 17 digits and a digit or X",
        )
    if _birth_date(v) is None:
        raise RulesError.of(
            field,
            f"公民身份号码第7至14位“{v[6:14]}”不是有效的出生日期",
            f"positions 7-14 of the ID number, '{v[6:14]}', are not a valid birth date",
        )
    if not id_number_valid(v):
        raise RulesError.of(
            field,
            "公民身份号码校验码不正确，请核对是否输错（GB 11643）",
            "the ID number's check character is wrong; please check for a typo (GB 11643)",
        )
    return v


def check_credit_code(value: str, field: str = "credit_code") -> str:
    """``value`` normalised (spaces dropped, upper case) or a bilingual error naming ``field`` (GB 32100)."""
    v = (value or "").strip().replace(" ", "").upper()
    if len(v) != 18 or any(c not in USCC_CHARS for c in v):
        raise RulesError.of(
            field,
            "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）",
            "a unified social credit code has 18 digits or capital letters (no I, O, Z, S, V)",
        )
    if not credit_code_valid(v):
        raise RulesError.of(
            field,
            "统一社会信用代码校验码不正确，请核对是否输错（GB 32100）",
            "the credit code's check character is wrong; please check for a typo (GB 32100)",
        )
    return v
