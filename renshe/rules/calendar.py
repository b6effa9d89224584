"""The working-day calendar: which days are working days, rest days and statutory festival days.

Three kinds of day matter to labour law:

- ``holiday`` — a statutory festival day (法定节假日) that 《全国年节及纪念日放假办法》
  第二条 lists (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆); work on it is paid at least
  300% (《劳动法》第四十四条第三项), even when it falls on a weekend;
- ``restday`` — a weekend day (《国务院关于职工工作时间的规定》第七条) or a day off that the
  year's State Council notice moves (调休) and that is not a festival day;
- ``workday`` — every other day, including the weekend days the notice makes working days (补班).

Where the days come from, for a year Y (first that has it wins):

1. a notice staff entered in the platform (the Django app ``lawcalendar`` installs it with
   :func:`set_overlay`);
2. ``holidays/Y.yaml`` — the notice 国务院办公厅关于Y年部分节假日安排的通知 as data with its
   citation; its ``days_off`` / ``make_up_days`` win over the package when given;
3. the ``chinese_calendar`` package, which carries every notice from 2004 to its last year;
4. none: the year is computed from the festival days of the law alone, with no 调休 and no
   补假 (第六条), and every answer that depends on such a day is ``provisional``.

Festival days are computed from the law (parameter ``calendar.festival_days``, one value per
revision), with lunar dates from ``lunardate`` and 清明 from the solar term (the 寿星 formula
in ``chinese_calendar.get_solar_terms``); a notice may list them explicitly instead.
A notice for Y may also place days in December of Y−1 (元旦 bridges); they are honoured.
Whether a December day of Y is provisional depends only on Y's own notice.

Not modelled: one-off days off decided outside the annual notice are rest days here, not
festival days — e.g. 2015-09-03 (抗战胜利70周年纪念日, in the package as a day off), whose
overtime rate would need its own cited decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import chinese_calendar
import numpy as np
import yaml
from lunardate import LunarDate
from pydantic import BaseModel, ConfigDict, ValidationError

from renshe.rules.errors import CalendarError
from renshe.rules.parameters import Reference, value_at

DayKind = Literal["workday", "restday", "holiday"]
KINDS: tuple[DayKind, ...] = ("workday", "restday", "holiday")
_WORK, _REST, _HOLIDAY = 0, 1, 2

HOLIDAYS_DIR = Path(__file__).with_name("holidays")
FESTIVALS_PARAM = "calendar.festival_days"
#: chinese_calendar's first year; before it no notice data is available.
FIRST_DAY = dt.date(2004, 1, 1)
#: lunardate computes lunar years 1900–2099; festival days after that cannot be placed.
LAST_DAY = dt.date(2099, 12, 31)

LAW = Reference(document="全国年节及纪念日放假办法", article="第二条")
PACKAGE = f"chinese_calendar {chinese_calendar.__version__}"

T = TypeVar("T")


@dataclass(frozen=True)
class CalendarResult(Generic[T]):
    """An answer and whether it rests on a year whose holiday notice is not yet loaded."""

    value: T
    provisional: bool


@dataclass(frozen=True)
class Notice:
    """One year's 国务院办公厅关于部分节假日安排的通知: its citation and the days it moves.

    ``festival_days`` (date → festival name) is None when the festival days are taken
    from the law; a notice lists them only to correct or extend the computed ones.
    """

    year: int
    title: str
    number: str | None
    issued_on: dt.date | None
    url: str | None
    days_off: frozenset[dt.date]
    make_up_days: frozenset[dt.date]
    festival_days: dict[dt.date, str] | None = None
    source: str = ""
    verified: bool = False

    def __post_init__(self) -> None:
        for d in self.days_off | self.make_up_days | set(self.festival_days or ()):
            if d.year not in (self.year, self.year - 1):
                raise CalendarError.of(
                    "notice",
                    f"{self.year}年放假通知中的日期 {d.isoformat()} 不在{self.year - 1}年12月至{self.year}年内",
                    f"date {d.isoformat()} in the {self.year} notice is outside {self.year - 1}-12..{self.year}",
                )
        both = self.days_off & self.make_up_days
        if both:
            days = ", ".join(sorted(d.isoformat() for d in both))
            raise CalendarError.of(
                "notice",
                f"{self.year}年放假通知把同一天既列为放假又列为上班：{days}",
                f"the {self.year} notice lists the same day both off and as a working day: {days}",
            )

    def reference(self) -> Reference:
        return Reference(document=self.title, number=self.number, url=self.url)


class _NoticeFile(BaseModel):
    """Schema of ``holidays/YYYY.yaml``. Dates as ``YYYY-MM-DD`` or ``[first, last]`` ranges."""

    model_config = ConfigDict(extra="forbid")

    year: int
    title: str
    number: str | None = None
    issued_on: dt.date | None = None
    url: str | None = None
    source: str
    verified: bool
    note: str | None = None
    days_off: list[dt.date | tuple[dt.date, dt.date]] | None = None
    make_up_days: list[dt.date] | None = None
    festival_days: dict[str, list[dt.date | tuple[dt.date, dt.date]]] | None = None


def expand(items: Iterable[dt.date | tuple[dt.date, dt.date] | list[dt.date]]) -> frozenset[dt.date]:
    """Dates and inclusive ``[first, last]`` ranges, as one set of dates."""
    out: set[dt.date] = set()
    for item in items:
        if isinstance(item, dt.date):
            out.add(item)
            continue
        first, last = item
        out.update(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    return frozenset(out)


@cache
def _file_notices() -> dict[int, _NoticeFile]:
    found: dict[int, _NoticeFile] = {}
    for path in sorted(HOLIDAYS_DIR.glob("*.yaml")):
        try:
            spec = _NoticeFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except ValidationError as exc:
            raise CalendarError.of(
                str(path.name), f"放假通知文件格式不正确：{exc}", f"malformed holiday notice file: {exc}"
            ) from None
        if path.stem != str(spec.year):
            raise CalendarError.of(
                path.name, f"文件名应为 {spec.year}.yaml", f"file name should be {spec.year}.yaml"
            )
        found[spec.year] = spec
    return found


def _package_years() -> range:
    years = [d.year for d in chinese_calendar.holidays]
    return range(min(years), max(years) + 1)


def _package_days(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    off = frozenset(d for d in chinese_calendar.holidays if d.year == year)
    work = frozenset(d for d in chinese_calendar.workdays if d.year == year)
    return off, work


@cache
def _builtin_notice(year: int) -> Notice | None:
    """The notice from ``holidays/Y.yaml`` completed by the package, or the package's alone."""
    spec = _file_notices().get(year)
    covered = year in _package_years()
    if spec is None:
        if not covered:
            return None
        off, work = _package_days(year)
        return Notice(
            year,
            f"{year}年部分节假日安排（{PACKAGE} 数据，通知出处未载入）",
            None,
            None,
            None,
            off,
            work,
            source=PACKAGE,
        )
    if spec.days_off is None and not covered:
        raise CalendarError.of(
            f"holidays/{year}.yaml",
            f"{year}年放假通知文件未列出放假日期（days_off），而 {PACKAGE} 不含该年",
            f"the {year} notice file lists no days_off and {PACKAGE} does not cover that year",
        )
    pkg_off, pkg_work = _package_days(year) if covered else (frozenset(), frozenset())
    festivals = None
    if spec.festival_days is not None:
        festivals = {d: name for name, items in spec.festival_days.items() for d in expand(items)}
    return Notice(
        year=year,
        title=spec.title,
        number=spec.number,
        issued_on=spec.issued_on,
        url=spec.url,
        days_off=expand(spec.days_off) if spec.days_off is not None else pkg_off,
        make_up_days=frozenset(spec.make_up_days) if spec.make_up_days is not None else pkg_work,
        festival_days=festivals,
        source=spec.source,
        verified=spec.verified,
    )


_overlay: Callable[[int], Notice | None] | None = None


def set_overlay(provider: Callable[[int], Notice | None] | None) -> None:
    """Install a source of notices that wins over the files (the platform's database)."""
    global _overlay
    _overlay = provider
    invalidate()


def invalidate() -> None:
    """Forget every computed year, e.g. after a notice was entered or corrected."""
    _notice.cache_clear()
    _year_codes.cache_clear()
    _table.cache_clear()


@cache
def _notice(year: int) -> Notice | None:
    if _overlay is not None:
        found = _overlay(year)
        if found is not None:
            return found
    return _builtin_notice(year)


def notice_for(year: int) -> Notice | None:
    """The holiday notice in force for ``year``, or None when none is loaded (provisional)."""
    return _notice(year)


def check_date(d: dt.date, field: str = "date") -> dt.date:
    """``d`` as a date, or a :class:`CalendarError` when the calendar cannot know it."""
    if isinstance(d, dt.datetime):
        d = d.date()
    if not isinstance(d, dt.date):
        raise CalendarError.of(field, "应为日期（YYYY-MM-DD）", "expected a date (YYYY-MM-DD)")
    if not FIRST_DAY <= d <= LAST_DAY:
        raise CalendarError.of(
            field,
            f"日期 {d.isoformat()} 超出工作日历范围（{FIRST_DAY.isoformat()} 至 {LAST_DAY.isoformat()}）："
            "更早的年份没有放假安排数据，更晚的年份无法推算农历节日",
            f"date {d.isoformat()} is outside the working-day calendar "
            f"({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}): no holiday data before, "
            "no lunar festivals after",
        )
    return d


def _festival_start(rule: dict[str, Any], year: int) -> dt.date:
    kind = rule["calendar"]
    if kind == "solar":
        return dt.date(year, rule["month"], rule["day"])
    if kind == "lunar":
        return LunarDate(year, rule["month"], rule["day"]).to_solar_date()
    if kind == "solar_term":
        terms = chinese_calendar.get_solar_terms(dt.date(year, 1, 1), dt.date(year, 12, 31))
        return next(d for d, name in terms if name == rule["term"])
    raise ValueError(f"unknown festival calendar {kind!r} in {FESTIVALS_PARAM}")


def statutory_festivals(year: int) -> dict[dt.date, str]:
    """Festival days of ``year`` as 《全国年节及纪念日放假办法》第二条 (revision in force) places them."""
    check_date(dt.date(year, 1, 1), "year")
    rules = value_at(FESTIVALS_PARAM, dt.date(year, 1, 1)).value
    out: dict[dt.date, str] = {}
    for rule in rules:
        first = _festival_start(rule, year) + dt.timedelta(days=rule["offset"])
        for i in range(rule["days"]):
            out[first + dt.timedelta(days=i)] = rule["name"]
    return out


def festivals(year: int) -> dict[dt.date, str]:
    """Festival days of ``year``: the notice's list when it gives one, else the law's."""
    found = notice_for(year)
    if found is not None and found.festival_days is not None:
        return dict(found.festival_days)
    return statutory_festivals(year)


@cache
def _year_codes(year: int) -> np.ndarray:
    """One code a day of ``year``: 0 workday, 1 restday, 2 statutory festival day."""
    first = dt.date(year, 1, 1)
    n = (dt.date(year + 1, 1, 1) - first).days
    days = [first + dt.timedelta(days=i) for i in range(n)]
    codes = np.array([_REST if d.weekday() >= 5 else _WORK for d in days], dtype=np.int8)
    for later in (notice_for(year), notice_for(year + 1) if year < LAST_DAY.year else None):
        if later is None:
            continue
        for d in later.days_off:
            if d.year == year:
                codes[(d - first).days] = _REST
        for d in later.make_up_days:
            if d.year == year:
                codes[(d - first).days] = _WORK
    for d in festivals(year):
        codes[(d - first).days] = _HOLIDAY
    codes.setflags(write=False)
    return codes


def is_provisional(d: dt.date) -> bool:
    """True when no holiday notice is loaded for ``d``'s year, so 调休 is not yet known."""
    return notice_for(check_date(d).year) is None


def day_kind(d: dt.date) -> DayKind:
    """``workday``, ``restday`` or ``holiday`` (statutory festival day) — see the module docstring."""
    d = check_date(d)
    return KINDS[_year_codes(d.year)[d.timetuple().tm_yday - 1]]


def classify(d: dt.date) -> CalendarResult[DayKind]:
    """:func:`day_kind` together with whether it is provisional (no notice for the year yet)."""
    return CalendarResult(day_kind(d), is_provisional(d))


def is_workday(d: dt.date) -> bool:
    """Whether ``d`` is a working day (补班 days included, festival and rest days excluded)."""
    return day_kind(d) == "workday"


@dataclass(frozen=True)
class _Table:
    first: np.datetime64
    work_cum: np.ndarray  # working days up to and including each day
    work: np.ndarray
    prov_cum: np.ndarray  # provisional days before each day (length + 1)


@cache
def _table(first_year: int, last_year: int) -> _Table:
    codes = np.concatenate([_year_codes(y) for y in range(first_year, last_year + 1)])
    prov = np.concatenate(
        [np.full(len(_year_codes(y)), notice_for(y) is None) for y in range(first_year, last_year + 1)]
    )
    work = codes == _WORK
    return _Table(
        first=np.datetime64(f"{first_year}-01-01", "D"),
        work_cum=np.cumsum(work),
        work=work,
        prov_cum=np.concatenate([[0], np.cumsum(prov)]),
    )


def check_array(dates: Any, field: str = "date") -> np.ndarray:
    """Dates as a ``datetime64[D]`` array, or a :class:`CalendarError` naming ``field``."""
    arr = np.asarray(dates)
    if arr.dtype == object:
        arr = np.array([check_date(d, field) for d in arr.ravel()], dtype="datetime64[D]").reshape(arr.shape)
    arr = arr.astype("datetime64[D]")
    if arr.size:
        lo, hi = arr.min().item(), arr.max().item()
        check_date(lo, field)
        check_date(hi, field)
    return arr


def _span_table(lo: np.datetime64, hi: np.datetime64) -> _Table:
    first = max(lo.astype(object).year, FIRST_DAY.year)
    last = min(hi.astype(object).year, LAST_DAY.year)
    return _table(first, last)


def _out_of_range(field: str) -> CalendarError:
    return CalendarError.of(
        field,
        f"结果超出工作日历范围（{FIRST_DAY.isoformat()} 至 {LAST_DAY.isoformat()}）",
        f"the result falls outside the working-day calendar ({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})",
    )


def add_working_days_array(starts: Any, n: Any, field: str = "start") -> tuple[np.ndarray, np.ndarray]:
    """The ``n``-th working day after each start (before, for negative ``n``; the start itself for 0).

    The start day is never counted, as 《民法典》第二百零一条 has a period begin the next day.
    Returns ``(due, provisional)`` as ``datetime64[D]`` and bool arrays.
    """
    s = check_array(starts, field)
    k = np.broadcast_to(np.asarray(n, dtype=np.int64), s.shape)
    if s.size == 0:
        return s.copy(), np.zeros(s.shape, dtype=bool)
    # A working-day count of k spans fewer than 2k + 40 calendar days in any Chinese year.
    margin = np.timedelta64(int(2 * np.abs(k).max() + 40), "D")
    table = _span_table(s.min() - margin, s.max() + margin)
    idx = (s - table.first).astype(np.int64)
    cum = table.work_cum
    target = np.where(k > 0, cum[idx] + k, cum[idx] - table.work[idx] + k + 1)
    due_idx = np.where(k == 0, idx, np.searchsorted(cum, target, side="left"))
    if (due_idx >= len(cum)).any() or ((k != 0) & (target < 1)).any():
        raise _out_of_range(field)
    lo, hi = np.minimum(idx, due_idx), np.maximum(idx, due_idx)
    provisional = table.prov_cum[hi + 1] - table.prov_cum[lo] > 0
    return table.first + due_idx.astype("timedelta64[D]"), provisional


def working_days_between_array(a: Any, b: Any) -> tuple[np.ndarray, np.ndarray]:
    """Working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``)."""
    x, y = np.broadcast_arrays(check_array(a, "a"), check_array(b, "b"))
    if x.size == 0:
        return np.zeros(x.shape, dtype=np.int64), np.zeros(x.shape, dtype=bool)
    table = _span_table(min(x.min(), y.min()), max(x.max(), y.max()))
    ix, iy = (x - table.first).astype(np.int64), (y - table.first).astype(np.int64)
    count = table.work_cum[iy].astype(np.int64) - table.work_cum[ix]
    lo, hi = np.minimum(ix, iy), np.maximum(ix, iy)
    return count, table.prov_cum[hi + 1] - table.prov_cum[lo] > 0


def add_working_days(start: dt.date, n: int) -> CalendarResult[dt.date]:
    """The ``n``-th working day after ``start`` (start not counted), and whether it is provisional."""
    due, prov = add_working_days_array(np.array([check_date(start, "start")], dtype="datetime64[D]"), n)
    return CalendarResult(due[0].item(), bool(prov[0]))


def working_days_between(a: dt.date, b: dt.date) -> CalendarResult[int]:
    """Working days in ``(a, b]``, and whether the count is provisional."""
    count, prov = working_days_between_array(
        np.array([check_date(a, "a")], dtype="datetime64[D]"),
        np.array([check_date(b, "b")], dtype="datetime64[D]"),
    )
    return CalendarResult(int(count[0]), bool(prov[0]))


def next_working_day(d: dt.date) -> CalendarResult[dt.date]:
    """``d`` itself when it is a working day, else the first working day after it."""
    d = check_date(d)
    if is_workday(d):
        return CalendarResult(d, is_provisional(d))
    return add_working_days(d, 1)


def day_kind_array(dates: Any) -> np.ndarray:
    """:func:`day_kind` for an array of dates, as an array of ``workday``/``restday``/``holiday``."""
    d = check_array(dates, "date")
    if d.size == 0:
        return np.array([], dtype="<U7").reshape(d.shape)
    table_first = int(d.min().astype(object).year)
    codes = np.concatenate([_year_codes(y) for y in range(table_first, d.max().astype(object).year + 1)])
    idx = (d - np.datetime64(f"{table_first}-01-01", "D")).astype(np.int64)
    return np.array(KINDS)[codes[idx]]


def basis(a: dt.date, b: dt.date) -> list[str]:
    """What the calendar relied on for the years from ``a`` to ``b``, one line a year, for traces."""
    lines = []
    for year in range(min(a, b).year, max(a, b).year + 1):
        found = notice_for(year)
        if found is None:
            lines.append(f"{year}年：未载入放假通知，按{LAW.cite()}的法定节日推算，未计调休（临时结果）")
        else:
            cite = found.reference().cite()
            lines.append(f"{year}年：{cite}" + (f"，{found.url}" if found.url else ""))
    return lines
