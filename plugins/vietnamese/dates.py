"""Dates as Vietnamese readers expect them, always in Hanoi time."""

from datetime import datetime
from zoneinfo import ZoneInfo

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

__all__ = ["HANOI", "date_line", "day", "in_hanoi", "iso"]


def in_hanoi(moment: datetime) -> datetime:
    """The same instant on a Hanoi clock; naive times are taken as Hanoi time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=HANOI)
    return moment.astimezone(HANOI)


# Formatted field by field, not with strftime: Pelican's dates override
# strftime with a locale-aware version some twenty times slower, and these
# run for every date on every list (tens of thousands of calls per build).


def date_line(moment: datetime) -> str:
    """'27/02/2023 | 23:04', the form of the date line under every title."""
    m = in_hanoi(moment)
    return f"{m.day:02d}/{m.month:02d}/{m.year:04d} | {m.hour:02d}:{m.minute:02d}"


def day(moment: datetime) -> str:
    """'27/02/2023', for lists where the hour is noise."""
    m = in_hanoi(moment)
    return f"{m.day:02d}/{m.month:02d}/{m.year:04d}"


def iso(moment: datetime) -> str:
    """'2023-02-27T23:04:00+07:00', for <time datetime> and machines."""
    return in_hanoi(moment).isoformat()
