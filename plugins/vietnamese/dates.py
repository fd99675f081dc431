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


def date_line(moment: datetime) -> str:
    """'27/02/2023 | 23:04', the form of the date line under every title."""
    return in_hanoi(moment).strftime("%d/%m/%Y | %H:%M")


def day(moment: datetime) -> str:
    """'27/02/2023', for lists where the hour is noise."""
    return in_hanoi(moment).strftime("%d/%m/%Y")


def iso(moment: datetime) -> str:
    """'2023-02-27T23:04:00+07:00', for <time datetime> and machines."""
    return in_hanoi(moment).isoformat()
