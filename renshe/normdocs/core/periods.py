"""The time limits of the register, from cited parameters (``normdocs.*``) and the calendar.

- 合法性审核: normally at least ``normdocs.review_min_working_days`` and at most
  ``normdocs.review_max_working_days`` working days (国办发〔2018〕115号), counted from the
  day after the draft is submitted, on the working-day calendar;
- 备案: within ``normdocs.filing_days`` days of publication (福建省行政规范性文件备案审查办法),
  counted as 《民法典》第二百零一、二百零三条 count a period in days;
- 有效期: at most ``normdocs.validity_max_years`` years, or
  ``normdocs.validity_max_years_provisional`` for a document titled 暂行 or 试行, from the
  date it takes effect; the last valid day is the day before the anniversary;
- 到期提示: ``normdocs.expiry_warning_days`` before the last valid day.

Pure: no Django import. Every function returns the parameter it used, for the trace.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from renshe.rules import calendar, deadlines
from renshe.rules.parameters import ParamValue, value_at
from renshe.rules.regions import FUJIAN

REVIEW_MIN = "normdocs.review_min_working_days"
REVIEW_MAX = "normdocs.review_max_working_days"
FILING = "normdocs.filing_days"
VALIDITY = "normdocs.validity_max_years"
VALIDITY_PROVISIONAL = "normdocs.validity_max_years_provisional"
WARNING = "normdocs.expiry_warning_days"
PROVISIONAL_MARKS = ("暂行", "试行")


def param(name: str, on: dt.date, region: str = FUJIAN) -> ParamValue:
    """A register parameter in force on ``on`` (Fujian by default)."""
    return value_at(name, on, region)


def review_length(submitted: dt.date) -> ParamValue:
    """The longest review, in working days, for a draft submitted on ``submitted``."""
    return param(REVIEW_MAX, submitted)


def review_too_short(submitted: dt.date, finished: dt.date) -> tuple[bool, ParamValue]:
    """Whether a review finished in fewer working days than the normal minimum."""
    minimum = param(REVIEW_MIN, submitted)
    return calendar.working_days_between(submitted, finished).value < int(minimum.value), minimum


def filing_due(published: dt.date) -> tuple[dt.date, ParamValue]:
    """The last day to file a document published on ``published``."""
    length = param(FILING, published)
    out = deadlines.period_end_array(np.array([published], dtype="datetime64[D]"), int(length.value), "days")
    return out["due"][0].item(), length


def is_provisional(title: str) -> bool:
    """Whether the title marks the document as 暂行 or 试行 (the shorter validity applies)."""
    return any(mark in title for mark in PROVISIONAL_MARKS)


def longest_validity(title: str, effective_from: dt.date) -> tuple[dt.date, ParamValue]:
    """The latest ``valid_until`` the rules allow: the day before the N-th anniversary of taking effect."""
    years = param(VALIDITY_PROVISIONAL if is_provisional(title) else VALIDITY, effective_from)
    anniversary = deadlines.add_months_array(
        np.array([effective_from], dtype="datetime64[D]"), 12 * int(years.value)
    )[0].item()
    return anniversary - dt.timedelta(days=1), years


def warning_days(today: dt.date) -> ParamValue:
    """How many days before expiry a document enters the warning list."""
    return param(WARNING, today)


def expires_within(valid_until: dt.date | None, today: dt.date, days: int) -> bool:
    """Whether the last valid day falls in ``[today, today + days]``."""
    return valid_until is not None and today <= valid_until <= today + dt.timedelta(days=days)
