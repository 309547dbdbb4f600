"""Publication dates in the forms Chinese portals print them.

`2021-11-15 09:10:29`, `2021/11/15 09:10`, `2021.11.15`, `2021年11月15日 09:10`, `2021年11月15日09时10分`,
the e-paper line `《工人日报》(2021年12月22日 02版)`, `出版日期:2021年12月22日`. Weekday widgets
(`今天是 2021年11月15日 星期一`) are never a publication date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SEP = r"\s*[-/.年]\s*"
DATE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})" + _SEP + r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
# "今天是 2021年11月15日 星期一" and friends: a clock/weekday widget, not a publication time.
_WIDGET_BEFORE = re.compile(r"(今天是|今日|当前时间|现在时间|北京时间)\s*[:：]?\s*$")
_WEEKDAY_AFTER = re.compile(r"^\s*(星期|周)[一二三四五六日天]")
# "2021-11-15 至 2021-12-31", times of events in body text are handled by callers (they look near headers).


@dataclass(frozen=True)
class DateMatch:
    value: str      # 'YYYY-MM-DD[ HH:MM[:SS]]'
    start: int
    end: int
    has_time: bool


def _valid(y: int, m: int, d: int, hh: int | None = None, mm: int | None = None, ss: int | None = None) -> bool:
    if not (1990 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31):
        return False
    if hh is not None and not (0 <= hh <= 23 and 0 <= (mm or 0) <= 59 and 0 <= (ss or 0) <= 59):
        return False
    return True


def iter_dates(text: str):
    """Every plausible date in `text`, in order, skipping weekday/clock widgets."""
    for m in DATE_RE.finditer(text or ""):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        hh = int(m[4]) if m[4] else None
        mi = int(m[5]) if m[5] else None
        ss = int(m[6]) if m[6] else None
        if not _valid(y, mo, d, hh, mi, ss):
            if not _valid(y, mo, d):
                continue
            hh = mi = ss = None
        if _WIDGET_BEFORE.search(text[max(0, m.start() - 12):m.start()]) or _WEEKDAY_AFTER.match(text[m.end():m.end() + 4]):
            continue
        value = "%04d-%02d-%02d" % (y, mo, d)
        if hh is not None:
            value += " %02d:%02d" % (hh, mi)
            if ss is not None:
                value += ":%02d" % ss
        yield DateMatch(value, m.start(), m.end(), hh is not None)


def find_date(text: str) -> DateMatch | None:
    """The first publication-like date in `text` (None when there is none)."""
    return next(iter_dates(text), None)


def normalize_date(text: str) -> str:
    """'2021年11月15日 9:10' -> '2021-11-15 09:10'; '' when `text` holds no date."""
    m = find_date(text)
    return m.value if m else ""


_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_DATE_SPLIT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")


def date_from_url(url: str | None) -> str:
    """'.../c/2023-08-01/123.shtml', '.../202308/01/...', '.../20230801/...' -> '2023-08-01'."""
    if not url:
        return ""
    for rx in (_URL_DATE_SPLIT, _URL_DATE):
        m = rx.search(url)
        if m and _valid(int(m[1]), int(m[2]), int(m[3])):
            return "%s-%s-%s" % (m[1], m[2], m[3])
    return ""
